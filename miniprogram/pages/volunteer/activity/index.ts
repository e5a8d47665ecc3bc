// One activity: what, when, where, the risks and who may join (条例 §12), then sign up, cancel or
// see the waitlist place. Cancelling asks once more inline (no pop-up).
import { pageBase } from '../../../behaviors/page-base';
import type { ActivityView, SignupView } from '../../../core/index';
import { cancelSignUp, getActivity, signUp } from '../../../services/activity';
import { userMessage } from '../../../services/errors';
import { navigateTo, requestSubscribe, toast } from '../../../services/platform';
import { subscribeTemplatesFor } from '../../../services/user';
import { roles } from '../../../services/session';
import { activityDetail, type ActivityDetailView } from '../../../utils/activity-view';

Component({
  behaviors: [pageBase],
  data: {
    status: 'loading',
    errorMessage: '',
    activityId: '',
    view: null as ActivityDetailView | null,
    busy: false,
    actionError: '',
    confirmingCancel: false,
    /** Leaders and staff of the community also run the activity from here. */
    canLead: false,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.setData({ activityId: query.activityId ?? '' });
      return this.load();
    },

    async load(signup?: SignupView | null) {
      if (!this.data.view) this.setData({ status: 'loading', errorMessage: '' });
      try {
        const a: ActivityView = await getActivity(this.data.activityId);
        const lead = roles().some((g) => g.communityId === a.communityId && ['leader', 'staff', 'social-worker', 'community-admin'].includes(g.role));
        this.setData({ status: 'ready', view: activityDetail(a, signup), canLead: lead });
      } catch (err) {
        this.setData({ status: 'error', errorMessage: userMessage(err) });
      }
    },

    async onSignUpTap() {
      if (this.data.busy) return;
      // From the tap itself, as WeChat requires; a refusal does not stop the sign-up.
      await requestSubscribe(subscribeTemplatesFor('activitySignup'));
      this.setData({ busy: true, actionError: '' });
      try {
        const s = await signUp(this.data.activityId);
        toast(s.status === 'confirmed' ? '报名成功' : '已加入候补', 'success');
        this.setData({ busy: false });
        await this.load(s);
      } catch (err) {
        this.setData({ busy: false, actionError: userMessage(err) });
      }
    },

    onCancelTap() {
      this.setData({ confirmingCancel: true, actionError: '' });
    },

    onKeepTap() {
      this.setData({ confirmingCancel: false });
    },

    async onConfirmCancelTap() {
      if (this.data.busy) return;
      this.setData({ busy: true, actionError: '' });
      try {
        const r = await cancelSignUp(this.data.activityId);
        toast('已取消报名');
        this.setData({ busy: false, confirmingCancel: false });
        await this.load(r.signup);
      } catch (err) {
        this.setData({ busy: false, actionError: userMessage(err) });
      }
    },

    onRosterTap() {
      return navigateTo(`/pages/volunteer/roster/index?activityId=${this.data.activityId}`);
    },

    onCodeTap() {
      return navigateTo(`/pages/volunteer/leader-code/index?activityId=${this.data.activityId}`);
    },

    onRetry() {
      return this.load();
    },
  },
});
