// Ask for a back-fill (补录): a service that happened but was never checked in (no smartphone, a lost
// sheet). Three short steps on one page: an ended activity, the person from its roster, then the
// hours, the evidence and a note. The staff member who asks is the first approver; a second one
// approves on the review page (补录审批), and the page says so. A lost answer is retried with the same
// requestId, so the request is not made twice.
import { pageBase } from '../../../behaviors/page-base';
import { pagedList } from '../../../behaviors/paged-list';
import type { ActivitySummary } from '../../../core/index';
import { listActivities, requestBackfill, roster } from '../../../services/activity';
import { fieldErrors, userMessage } from '../../../services/errors';
import { navigateTo } from '../../../services/platform';
import { backfillActivity, blankBackfillForm, buildBackfill, type BackfillActivity, type BackfillForm } from '../../../utils/backfill-view';
import { rosterRow, type RosterEntryLike, type RosterRow } from '../../../utils/leader-view';
import { communityList, loadFirstPage, loadNextPage, type ListStatus, type PagedList } from '../../../utils/list';

const PAGE = 20;
/** Records can be back-filled once an activity ended, and still after it was closed. */
const STATUSES = [
  { key: 'ended', label: '已结束' },
  { key: 'closed', label: '已关闭' },
];

Component({
  behaviors: [pageBase, pagedList],
  data: {
    step: 'activity' as 'activity' | 'person' | 'form' | 'done',
    statuses: STATUSES,
    activityStatus: 'ended' as 'ended' | 'closed',
    communityId: '',
    status: 'loading' as ListStatus,
    errorMessage: '',
    activities: [] as BackfillActivity[],
    people: [] as RosterRow[],
    next: null as string | null,
    loadingMore: false,
    moreError: '',
    activity: null as BackfillActivity | null,
    person: null as RosterRow | null,
    form: { hours: '', evidence: '', note: '' } as BackfillForm,
    errors: {} as Record<string, string>,
    submitError: '',
    busy: false,
    requestId: '',
  },
  methods: {
    activityList(): PagedList<ActivitySummary, BackfillActivity> {
      const status = this.data.activityStatus;
      return communityList(this, 'staff', (communityId, after) => listActivities({ communityId, status, after, limit: PAGE }), { key: 'activities', mapRow: backfillActivity, moreErrorKey: 'moreError' });
    },

    personList(): PagedList<RosterEntryLike, RosterRow> {
      const activityId = this.data.activity?.id ?? '';
      return { key: 'people', fetch: (after?: string) => roster({ activityId, after, limit: 50 }), mapRow: rosterRow, moreErrorKey: 'moreError' };
    },

    /** The list of the step shown (pagedList loads and retries it). */
    list(): PagedList<unknown, unknown> {
      return (this.data.step === 'activity' ? this.activityList() : this.personList()) as PagedList<unknown, unknown>;
    },

    load() {
      return loadFirstPage(this, this.list());
    },

    onReachBottom() {
      // Only a list on screen grows (not the roster behind the form).
      return this.data.step === 'activity' || this.data.step === 'person' ? loadNextPage(this, this.list()) : undefined;
    },

    onStatusTap(e: WechatMiniprogram.TouchEvent) {
      const key = String(e.currentTarget.dataset.key) as 'ended' | 'closed';
      if (key === this.data.activityStatus) return undefined;
      this.setData({ activityStatus: key });
      return this.load();
    },

    onActivityTap(e: WechatMiniprogram.TouchEvent) {
      const activity = this.data.activities[Number(e.currentTarget.dataset.index)];
      this.setData({ step: 'person', activity, people: [] });
      return this.load();
    },

    onPersonTap(e: WechatMiniprogram.TouchEvent) {
      const person = this.data.people[Number(e.currentTarget.dataset.index)];
      if (!this.data.activity) return;
      this.setData({ step: 'form', person, form: blankBackfillForm(this.data.activity), errors: {}, submitError: '', requestId: '' });
    },

    /** One step back: from the form to the roster, from the roster to the activities. */
    onBackTap() {
      if (this.data.step === 'form') {
        this.setData({ step: 'person', person: null });
        return undefined;
      }
      this.setData({ step: 'activity', activity: null });
      return this.load();
    },

    onInput(e: WechatMiniprogram.Input) {
      const field = String(e.currentTarget.dataset.field) as keyof BackfillForm;
      const error = field === 'hours' ? 'minutes' : field;
      // A requestId kept from a lost answer stays: that request may have landed, and a second one
      // for the same person would be a duplicate back-fill.
      this.setData({ [`form.${field}`]: e.detail.value, [`errors.${error}`]: '' });
    },

    async onSubmit() {
      const d = this.data;
      if (d.busy || !d.activity || !d.person) return;
      const { input, errors } = buildBackfill(d.form, d.activity);
      if (!input) {
        this.setData({ errors, submitError: '请按提示修改后再提交' });
        return;
      }
      this.setData({ busy: true, errors: {}, submitError: '' });
      try {
        await requestBackfill({ activityId: d.activity.id, openid: d.person.openid, ...input }, { requestId: d.requestId || undefined });
        this.setData({ busy: false, step: 'done', requestId: '' });
      } catch (err) {
        this.setData({ busy: false, errors: fieldErrors(err), submitError: userMessage(err), requestId: (err as { requestId?: string }).requestId ?? '' });
      }
    },

    onAnotherTap() {
      this.setData({ step: 'person', person: null });
      return this.load();
    },

    onReviewTap() {
      return navigateTo('/pages/staff/review/index?tab=backfills');
    },
  },
});
