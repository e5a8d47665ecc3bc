// Community needs (社区需求) for staff and social workers: post a need (what, how much, for which
// group, how urgent, until when), edit it, close it when it is met, cancel it while nothing of it is
// matched. Donors see the open ones; the matching engine allocates offers to them (pages/staff/allocations).
import { formFields } from '../../../behaviors/form-fields';
import { pageBase } from '../../../behaviors/page-base';
import { pagedList } from '../../../behaviors/paged-list';
import { dayOf, type NeedView } from '../../../core/index';
import { cancelNeed, closeNeed, createNeed, listNeeds, updateNeed } from '../../../services/charity';
import { userMessage } from '../../../services/errors';
import { toast } from '../../../services/platform';
import { communityFor, profile } from '../../../services/session';
import { loadFirstPage, listData, replacePatch, type PagedList } from '../../../utils/list';
import { actOnRow } from '../../../utils/row-action';
import { AVAILABLE_WITHIN, SKILLS } from '../../../utils/offer-view';
import {
  blankNeedForm,
  buildNeed,
  CANCEL_REASONS,
  DEADLINES,
  GROUPS,
  NEED_CATEGORIES,
  NEED_TABS,
  needRow,
  PURPOSES,
  URGENCIES,
  type NeedForm,
  type NeedRow,
} from '../../../utils/need-view';

const PAGE = 20;
type NeedStatus = 'open' | 'closed' | 'cancelled';

Component({
  behaviors: [pageBase, pagedList, formFields],
  data: {
    tabs: NEED_TABS,
    tab: 'open' as NeedStatus,
    ...listData<NeedRow>(),
    communityId: '',
    categories: NEED_CATEGORIES,
    urgencies: URGENCIES,
    groups: GROUPS,
    purposes: PURPOSES,
    skills: SKILLS,
    deadlines: AVAILABLE_WITHIN,
    cancelReasons: CANCEL_REASONS,
    formOpen: false,
    /** The need being edited ('' for a new one), its version and its row. */
    editId: '',
    editVersion: 0,
    editIndex: -1,
    form: blankNeedForm(),
    errors: {} as Record<string, string>,
    submitError: '',
    busy: false,
    requestId: '',
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      const tab = (NEED_TABS.find((t) => t.key === query.tab)?.key ?? 'open') as NeedStatus;
      this.setData({ tab });
      return this.load();
    },

    list(): PagedList<NeedView, NeedRow> {
      const fetch = async (after?: string) => {
        if (!after) {
          await profile();
          this.setData({ communityId: communityFor('staff') ?? communityFor('social-worker') ?? '' });
        }
        return listNeeds({ communityId: this.data.communityId, status: this.data.tab, after, limit: PAGE });
      };
      return { key: 'rows', fetch, mapRow: needRow };
    },

    load() {
      return loadFirstPage(this, this.list());
    },

    onTabTap(e: WechatMiniprogram.TouchEvent) {
      const tab = String(e.currentTarget.dataset.key) as NeedStatus;
      if (tab === this.data.tab) return undefined;
      this.setData({ tab });
      return this.load();
    },

    openForm(form: NeedForm, editId = '', editVersion = 0, editIndex = -1) {
      this.setData({ formOpen: true, form, editId, editVersion, editIndex, deadlines: editId ? DEADLINES : AVAILABLE_WITHIN, errors: {}, submitError: '', requestId: '' });
    },

    onNewTap() {
      if (this.data.formOpen && !this.data.editId) return this.setData({ formOpen: false });
      return this.openForm(blankNeedForm());
    },

    /** The edit form opens under its own row (not at the top, out of sight). */
    onEditTap(e: WechatMiniprogram.TouchEvent) {
      const i = Number(e.currentTarget.dataset.index);
      const r = this.data.rows[i];
      if (this.data.formOpen && this.data.editId === r.id) return this.setData({ formOpen: false, editId: '' });
      return this.openForm(r.form, r.id, r.version, i);
    },

    async onSubmit() {
      const d = this.data;
      if (d.busy) return undefined;
      const { need, errors } = buildNeed(d.form, dayOf(Date.now()));
      if (!need) return this.setData({ errors, submitError: '请按提示修改后再提交' });
      this.setData({ busy: true, errors: {}, submitError: '' });
      try {
        const opts = { requestId: d.requestId || undefined };
        if (d.editId) {
          const n = await updateNeed({ needId: d.editId, version: d.editVersion, need }, opts);
          this.setData({ ...replacePatch('rows', d.editIndex, needRow(n)), busy: false, formOpen: false, editId: '' });
          toast('已保存', 'success');
          return undefined;
        }
        await createNeed({ communityId: d.communityId, need }, opts);
        this.setData({ busy: false, formOpen: false, requestId: '', tab: 'open' });
        toast('已发布', 'success');
        // Newest first: the new need heads the open list, so its first page is loaded again.
        return this.load();
      } catch (err) {
        this.setData({ busy: false, submitError: userMessage(err), requestId: (err as { requestId?: string }).requestId ?? '' });
      }
      return undefined;
    },

    decide(i: number, work: (r: NeedRow) => Promise<NeedView>, done: string) {
      return actOnRow(this, 'rows', i, () => work(this.data.rows[i]), needRow, done);
    },

    /** Closing and cancelling each take a second, inline step (no pop-up). */
    onStepTap(e: WechatMiniprogram.TouchEvent) {
      const i = Number(e.currentTarget.dataset.index);
      const step = String(e.currentTarget.dataset.step) as NeedRow['confirm'];
      this.setData({ [`rows[${i}].confirm`]: this.data.rows[i].confirm === step ? '' : step, [`rows[${i}].error`]: '' });
    },

    onCloseConfirm(e: WechatMiniprogram.TouchEvent) {
      return this.decide(Number(e.currentTarget.dataset.index), (r) => closeNeed({ needId: r.id, version: r.version }), '已结束');
    },

    onCancelReason(e: WechatMiniprogram.TouchEvent) {
      const reason = String(e.currentTarget.dataset.reason);
      return this.decide(Number(e.currentTarget.dataset.index), (r) => cancelNeed({ needId: r.id, version: r.version, reason }), '已取消');
    },
  },
});
