// The time bank: balance, the ledger (cursor pages appended by path), transfer hours to a bound
// family member, donate hours to the community.
import { pageBase } from '../../../behaviors/page-base';
import type { FamilyBinding } from '../../../core/index';
import { userMessage } from '../../../services/errors';
import { toast } from '../../../services/platform';
import { communityFor } from '../../../services/session';
import { acceptFamilyInvite, createFamilyInvite, donate, timeBank, transfer } from '../../../services/volunteer';
import { dateTime } from '../../../utils/format';
import { minutes } from '../../../utils/format';
import { loadNextPage } from '../../../utils/list';
import { hoursToMinutes, ledgerRow, type LedgerRow } from '../../../utils/volunteer-view';

const PAGE = 20;
const RELATION: Record<string, string> = { parent: '父母', child: '子女', spouse: '配偶', sibling: '兄弟姐妹', grandparent: '祖父母', grandchild: '孙辈', 'other-relative': '亲属' };

Component({
  behaviors: [pageBase],
  data: {
    status: 'loading',
    errorMessage: '',
    balance: '',
    balanceMinutes: 0,
    earned: '',
    stars: 0,
    bindings: [] as Array<{ bindingId: string; label: string }>,
    ledger: [] as LedgerRow[],
    next: null as string | null,
    loadingMore: false,
    panel: '' as '' | 'transfer' | 'donate' | 'family',
    target: '',
    hoursInput: '',
    formError: '',
    busy: false,
    relations: Object.keys(RELATION).map((key) => ({ key, label: RELATION[key] })),
    inviteRelation: 'parent',
    invite: '',
    inviteUntil: '',
    codeInput: '',
    familyError: '',
    familyBusy: false,
  },
  methods: {
    async onLoad() {
      this.setData({ status: 'loading', errorMessage: '' });
      try {
        const b = await timeBank({ limit: PAGE });
        this.setData({
          status: 'ready',
          balance: minutes(b.balanceMinutes),
          balanceMinutes: b.balanceMinutes,
          earned: minutes(b.earnedMinutes),
          stars: b.stars,
          bindings: b.bindings.map((f: FamilyBinding) => ({ bindingId: f.bindingId, label: `${RELATION[f.relation] ?? '亲属'} ${f.counterpartName}` })),
          ledger: b.ledger.map(ledgerRow),
          next: b.next,
        });
      } catch (err) {
        this.setData({ status: 'error', errorMessage: userMessage(err) });
      }
    },
    onRetry() {
      return this.onLoad();
    },
    onReachBottom() {
      // The first page comes with the balance and the family (onLoad); later pages are ledger only.
      const fetch = async (after?: string) => {
        const b = await timeBank({ after, limit: PAGE });
        return { items: b.ledger, next: b.next };
      };
      return loadNextPage(this, { key: 'ledger', fetch, mapRow: ledgerRow });
    },
    onTransferTap(e: WechatMiniprogram.TouchEvent) {
      this.setData({ panel: 'transfer', target: String(e.currentTarget.dataset.id), hoursInput: '', formError: '' });
    },
    onDonateTap() {
      this.setData({ panel: 'donate', target: '', hoursInput: '', formError: '' });
    },
    onClosePanel() {
      this.setData({ panel: '', formError: '' });
    },
    onHoursInput(e: WechatMiniprogram.Input) {
      this.setData({ hoursInput: e.detail.value, formError: '' });
    },
    onOpenFamily() {
      this.setData({ panel: 'family', familyError: '', invite: '', codeInput: '' });
    },
    onRelationTap(e: WechatMiniprogram.TouchEvent) {
      this.setData({ inviteRelation: String(e.currentTarget.dataset.key) });
    },
    async onInviteTap() {
      if (this.data.familyBusy) return;
      this.setData({ familyBusy: true, familyError: '' });
      try {
        const inv = await createFamilyInvite({ relation: this.data.inviteRelation as 'parent' });
        this.setData({ familyBusy: false, invite: inv.code, inviteUntil: dateTime(inv.expiresAt) });
      } catch (err) {
        this.setData({ familyBusy: false, familyError: userMessage(err) });
      }
    },
    onCodeInput(e: WechatMiniprogram.Input) {
      this.setData({ codeInput: e.detail.value.toUpperCase(), familyError: '' });
    },
    async onAcceptTap() {
      if (this.data.familyBusy) return;
      const code = this.data.codeInput.trim();
      if (!/^[A-HJ-NP-Z2-9]{8}$/.test(code)) return this.setData({ familyError: '请填写家人手机上显示的8位邀请码' });
      this.setData({ familyBusy: true, familyError: '' });
      try {
        await acceptFamilyInvite(code);
        toast('已绑定家人', 'success');
        this.setData({ familyBusy: false, panel: '' });
        return this.onLoad();
      } catch (err) {
        this.setData({ familyBusy: false, familyError: userMessage(err) });
      }
      return undefined;
    },
    async onSend() {
      if (this.data.busy) return;
      const mins = hoursToMinutes(this.data.hoursInput);
      if (mins === null) return this.setData({ formError: '请填写小时数，例如 2 或 0.5' });
      if (mins > this.data.balanceMinutes) return this.setData({ formError: `余额不足，目前有${this.data.balance}` });
      this.setData({ busy: true, formError: '' });
      try {
        if (this.data.panel === 'transfer') await transfer({ bindingId: this.data.target, minutes: mins });
        else await donate({ communityId: communityFor('volunteer') ?? '', minutes: mins });
        toast(this.data.panel === 'transfer' ? '已转给家人' : '感谢您的捐赠', 'success');
        this.setData({ busy: false, panel: '' });
        return this.onLoad();
      } catch (err) {
        this.setData({ busy: false, formError: userMessage(err) });
      }
      return undefined;
    },
  },
});
