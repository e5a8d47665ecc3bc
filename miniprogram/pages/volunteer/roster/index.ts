// The leader's roster: who signed up, who is here, roll call for people without a smartphone,
// confirming flagged attendance and forgotten check-outs. Rows change in place by path.
import { pageBase } from '../../../behaviors/page-base';
import { actOnRow } from '../../../utils/row-action';
import type { AttendanceView } from '../../../core/index';
import { confirmAttendance, fixCheckOut, getActivity, rollCall, rollCallByCard, roster } from '../../../services/activity';
import { userMessage } from '../../../services/errors';
import { navigateTo, platformErrorKind, scanCode } from '../../../services/platform';
import { loadFirstPage, loadNextPage, type ListStatus, type PagedList } from '../../../utils/list';
import { ROLL_CALL_REASONS, rosterRow, type RosterEntryLike, type RosterRow } from '../../../utils/leader-view';
import { timeRange } from '../../../utils/format';
import { cardCodeFromScan } from '../../../utils/volunteer-card';

const PAGE = 50;

function afterAttendance(row: RosterRow, a: AttendanceView): RosterRow {
  const next = rosterRow({
    openid: row.openid,
    maskedName: row.name,
    volunteerNo: row.volunteerNo,
    signup: 'confirmed',
    attendance: a.status,
    checkedInAt: a.checkedInAt,
    checkedOutAt: a.checkedOutAt,
    needsConfirmation: a.needsConfirmation,
  });
  return next;
}

Component({
  behaviors: [pageBase],
  data: {
    status: 'loading' as ListStatus,
    errorMessage: '',
    activityId: '',
    title: '',
    time: '',
    endAt: 0,
    rows: [] as RosterRow[],
    next: null as string | null,
    loadingMore: false,
    reasons: ROLL_CALL_REASONS,
    cardBusy: false,
    cardMessage: '',
    cardError: '',
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.setData({ activityId: query.activityId ?? '' });
      return this.load();
    },

    /** The first page comes with the activity's title and times; later pages are roster only. */
    list(): PagedList<RosterEntryLike, RosterRow> {
      const activityId = this.data.activityId;
      const fetch = async (after?: string) => {
        if (after) return roster({ activityId, after, limit: PAGE });
        const [a, page] = await Promise.all([getActivity(activityId), roster({ activityId, limit: PAGE })]);
        this.setData({ title: a.title, time: timeRange(a.startAt, a.endAt), endAt: a.endAt });
        return page;
      };
      return { key: 'rows', fetch, mapRow: rosterRow };
    },

    load() {
      return loadFirstPage(this, this.list());
    },

    onReachBottom() {
      return loadNextPage(this, this.list());
    },

    index(e: WechatMiniprogram.TouchEvent): number {
      return Number(e.currentTarget.dataset.index);
    },

    onPanelTap(e: WechatMiniprogram.TouchEvent) {
      const i = this.index(e);
      const panel = String(e.currentTarget.dataset.panel) as RosterRow['panel'];
      this.setData({ [`rows[${i}].panel`]: this.data.rows[i].panel === panel ? '' : panel, [`rows[${i}].error`]: '' });
    },

    act(i: number, work: (row: RosterRow) => Promise<AttendanceView>, done: string) {
      const row = this.data.rows[i];
      return actOnRow(this, 'rows', i, () => work(row), (a) => afterAttendance(row, a), done, { toast: 'none' });
    },

    onReasonTap(e: WechatMiniprogram.TouchEvent) {
      const i = this.index(e);
      const reason = String(e.currentTarget.dataset.reason);
      const event = this.data.rows[i].panel === 'rollOut' ? 'out' : 'in';
      return this.act(i, (row) => rollCall({ activityId: this.data.activityId, openid: row.openid, event, reason }), event === 'in' ? '已代签到' : '已代签退');
    },

    onConfirmTap(e: WechatMiniprogram.TouchEvent) {
      return this.act(this.index(e), (row) => confirmAttendance({ activityId: this.data.activityId, openid: row.openid, accept: true }), '已确认');
    },

    onRejectReasonTap(e: WechatMiniprogram.TouchEvent) {
      const note = String(e.currentTarget.dataset.reason);
      return this.act(this.index(e), (row) => confirmAttendance({ activityId: this.data.activityId, openid: row.openid, accept: false, note }), '已标记不予确认');
    },

    onFixCheckOutTap(e: WechatMiniprogram.TouchEvent) {
      // A forgotten check-out is closed at the activity's end, the usual case; the audit keeps who did it.
      return this.act(
        this.index(e),
        (row) => fixCheckOut({ activityId: this.data.activityId, openid: row.openid, checkedOutAt: this.data.endAt, reason: '忘记签退，由队长按活动结束时间补签退' }),
        '已补签退',
      );
    },

    onCodeTap() {
      return navigateTo(`/pages/volunteer/leader-code/index?activityId=${this.data.activityId}`);
    },

    onRetry() {
      return this.load();
    },

    /** Roll call by the volunteer's card: scan the personal QR on their card page. */
    async onScanCardTap(e: WechatMiniprogram.TouchEvent) {
      if (this.data.cardBusy) return;
      const event = e.currentTarget.dataset.event === 'out' ? 'out' : 'in';
      this.setData({ cardBusy: true, cardMessage: '', cardError: '' });
      try {
        const card = cardCodeFromScan(await scanCode());
        if (!card) return this.setData({ cardBusy: false, cardError: '这不是志愿者证上的二维码，请扫对方志愿者证页面上的码' });
        const a = await rollCallByCard({ activityId: this.data.activityId, card, event });
        const i = this.data.rows.findIndex((r) => r.openid === a.openid);
        const name = i >= 0 ? this.data.rows[i].name : '志愿者';
        this.setData({ cardBusy: false, cardMessage: `${name}${event === 'in' ? '已签到' : '已签退'}`, ...(i >= 0 ? { [`rows[${i}]`]: afterAttendance(this.data.rows[i], a) } : {}) });
      } catch (err) {
        this.setData({ cardBusy: false, cardError: platformErrorKind(err) === 'cancelled' ? '' : userMessage(err) });
      }
      return undefined;
    },
  },
});
