// Closing activities (活动收尾): 待结束 lists published activities; once one has ended, finishing its
// attendance writes the draft service records. 待确认记录 lists ended activities; their records open
// inline and one tap confirms them all, which credits the volunteers' time bank. Rows change in place.
import { pageBase } from '../../../behaviors/page-base';
import { pagedList } from '../../../behaviors/paged-list';
import type { ActivitySummary } from '../../../core/index';
import { activityRecords, confirmRecords, finishActivity, listActivities } from '../../../services/activity';
import { userMessage } from '../../../services/errors';
import { closingRow, confirmedText, finishedText, recordLine, type ClosingRow, type ClosingStep } from '../../../utils/closing-view';
import { communityList, listData, loadFirstPage, type PagedList } from '../../../utils/list';
import { actOnRow } from '../../../utils/row-action';

const PAGE = 20;
/** An activity's records are read in one page: an activity has at most this many volunteers. */
const RECORDS = 100;
const TABS: Array<{ key: ClosingStep; label: string }> = [
  { key: 'finish', label: '待结束考勤' },
  { key: 'confirm', label: '待确认记录' },
];

Component({
  behaviors: [pageBase, pagedList],
  data: {
    ...listData<ClosingRow>(),
    tabs: TABS,
    tab: 'finish' as ClosingStep,
    communityId: '',
    moreError: '',
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.setData({ tab: query.tab === 'confirm' ? 'confirm' : 'finish' });
      return loadFirstPage(this, this.list());
    },

    list(): PagedList<ActivitySummary, ClosingRow> {
      const step = this.data.tab;
      const status = step === 'finish' ? 'published' : 'ended';
      const now = Date.now();
      return communityList(this, 'staff', (communityId, after) => listActivities({ communityId, status, after, limit: PAGE }), {
        key: 'rows',
        mapRow: (a: ActivitySummary) => closingRow(a, step, now),
        moreErrorKey: 'moreError',
      });
    },

    onTabTap(e: WechatMiniprogram.TouchEvent) {
      const tab = String(e.currentTarget.dataset.key) as ClosingStep;
      if (tab === this.data.tab) return undefined;
      this.setData({ tab });
      return loadFirstPage(this, this.list());
    },

    onFinishTap(e: WechatMiniprogram.TouchEvent) {
      const i = Number(e.currentTarget.dataset.index);
      const row = this.data.rows[i];
      return actOnRow(this, 'rows', i, () => finishActivity(row.id), (r) => ({ ...row, done: finishedText(r), canAct: false, busy: false, error: '' }), '已结束考勤');
    },

    async onRecordsTap(e: WechatMiniprogram.TouchEvent) {
      const i = Number(e.currentTarget.dataset.index);
      const row = this.data.rows[i];
      if (row.busy) return;
      if (row.recordsOpen) {
        this.setData({ [`rows[${i}].recordsOpen`]: false });
        return;
      }
      this.setData({ [`rows[${i}].busy`]: true, [`rows[${i}].error`]: '' });
      try {
        const page = await activityRecords({ activityId: row.id, limit: RECORDS });
        const drafts = page.items.filter((r) => r.status === 'draft').length;
        this.setData({ [`rows[${i}]`]: { ...row, records: page.items.map(recordLine), drafts, recordsOpen: true, busy: false, error: '' } });
      } catch (err) {
        this.setData({ [`rows[${i}].busy`]: false, [`rows[${i}].error`]: userMessage(err) });
      }
    },

    onConfirmTap(e: WechatMiniprogram.TouchEvent) {
      const i = Number(e.currentTarget.dataset.index);
      const row = this.data.rows[i];
      return actOnRow(this, 'rows', i, () => confirmRecords(row.id), (r) => ({ ...row, done: confirmedText(r), recordsOpen: false, busy: false, error: '' }), '已确认');
    },
  },
});
