// The community's wish recipients for staff: who still needs a sign-off card (residents without a
// smartphone), guardian consent (children under 14: a wish cannot be verified without it), and
// binding a family member who will post and sign off for them (scanning or typing their binding code). Rows change in place by path.
import { pageBase } from '../../../behaviors/page-base';
import { actOnRow } from '../../../utils/row-action';
import { pagedList } from '../../../behaviors/paged-list';
import type { RecipientView } from '../../../core/index';
import { fieldErrors, userMessage } from '../../../services/errors';
import { navigateTo, platformErrorKind, scanCode } from '../../../services/platform';
import { bindFamily, listRecipients, recordGuardianConsent } from '../../../services/wish';
import { communityList, listData, type PagedList } from '../../../utils/list';
import {
  afterRecipientAction,
  bindingCodeFromScan,
  bindingCodeOf,
  CONSENT_METHODS,
  GUARDIAN_RELATIONS,
  recipientRow,
  type RecipientPanel,
  type RecipientRow,
} from '../../../utils/recipient-view';

const PAGE = 20;

Component({
  behaviors: [pageBase, pagedList],
  data: {
    ...listData<RecipientRow>(),
    communityId: '',
    relations: GUARDIAN_RELATIONS,
    methods: CONSENT_METHODS,
  },
  methods: {
    list(): PagedList<RecipientView, RecipientRow> {
      return communityList(this, 'staff', (communityId, after) => listRecipients({ as: 'staff', communityId, after, limit: PAGE }), { key: 'rows', mapRow: recipientRow });
    },
    idx(e: WechatMiniprogram.TouchEvent | WechatMiniprogram.Input): number {
      return Number(e.currentTarget.dataset.index);
    },
    onPanelTap(e: WechatMiniprogram.TouchEvent) {
      const i = this.idx(e);
      const panel = String(e.currentTarget.dataset.panel) as RecipientPanel;
      this.setData({ [`rows[${i}].panel`]: this.data.rows[i].panel === panel ? '' : panel, [`rows[${i}].error`]: '', [`rows[${i}].done`]: '' });
    },
    onFieldInput(e: WechatMiniprogram.Input) {
      this.setData({ [`rows[${this.idx(e)}].${e.currentTarget.dataset.field}`]: e.detail.value, [`rows[${this.idx(e)}].error`]: '' });
    },
    onChoose(e: WechatMiniprogram.TouchEvent) {
      this.setData({ [`rows[${this.idx(e)}].${e.currentTarget.dataset.field}`]: String(e.currentTarget.dataset.key) });
    },
    onCodeTap(e: WechatMiniprogram.TouchEvent) {
      return navigateTo(`/pages/staff/wish-code/index?recipientId=${this.data.rows[this.idx(e)].id}`);
    },
    act(i: number, work: (r: RecipientRow) => Promise<RecipientView>, done: string) {
      // The new row says what was done: no toast. A refused field is named under the row.
      return actOnRow(this, 'rows', i, () => work(this.data.rows[i]), (v) => afterRecipientAction(v, done), done, {
        toast: false,
        errorText: (err) => Object.values(fieldErrors(err))[0] ?? userMessage(err),
      });
    },
    bind(i: number, code: string) {
      return this.act(i, (r) => bindFamily({ recipientId: r.id, code }), '已绑定家属：他可以为这位居民发布心愿和签收');
    },
    onBindTap(e: WechatMiniprogram.TouchEvent) {
      const i = this.idx(e);
      const code = bindingCodeOf(this.data.rows[i].familyInput);
      if (!code) return this.setData({ [`rows[${i}].error`]: '绑定码是8位字母和数字，请照家属“家人”页上的绑定码输入' });
      return this.bind(i, code);
    },
    /** Scans the mini-program code on the family member's 家人 page and binds at once. */
    async onScanBindTap(e: WechatMiniprogram.TouchEvent) {
      const i = this.idx(e);
      if (this.data.rows[i].busy) return undefined;
      let code: string | null;
      try {
        code = bindingCodeFromScan(await scanCode());
      } catch (err) {
        return this.setData({ [`rows[${i}].error`]: platformErrorKind(err) === 'cancelled' ? '' : userMessage(err) });
      }
      if (!code) return this.setData({ [`rows[${i}].error`]: '这不是家人绑定码，请扫家属“家人”页上的码' });
      return this.bind(i, code);
    },
    onConsentTap(e: WechatMiniprogram.TouchEvent) {
      const i = this.idx(e);
      const r = this.data.rows[i];
      if (!r.guardianName.trim()) return this.setData({ [`rows[${i}].error`]: '请填写监护人姓名' });
      return this.act(
        i,
        (row) =>
          recordGuardianConsent({
            recipientId: row.id,
            guardianName: row.guardianName.trim(),
            relation: row.relation as 'parent',
            method: row.method as 'paper-form',
            ...(row.note.trim() ? { note: row.note.trim() } : {}),
          }),
        '已登记监护人同意，可以核实这位孩子的心愿了',
      );
    },
    onNewTap() {
      return navigateTo('/pages/resident/wish-new/index');
    },
  },
});
