// Home: who am I, in which role, and what can I do here. Pure logic lives in utils/; backend and
// wx.* in services/.
import { pageBase } from '../../behaviors/page-base';
import { userMessage } from '../../services/errors';
import { navigateTo, switchTab } from '../../services/platform';
import { activeRole, homeCommunity, profile } from '../../services/session';
import { wishDisclosure } from '../../services/wish';
import { monthOf } from '../../utils/wish-view';
import { profileView, type LoadStatus } from '../../utils/home-view';
import type { QuickAction } from '../../utils/nav';
import type { RoleChip } from '../../utils/roles';

Component({
  behaviors: [pageBase],
  data: {
    status: 'loading' as LoadStatus,
    errorMessage: '',
    greeting: '',
    chips: [] as RoleChip[],
    residentOnly: false,
    canSwitch: false,
    activeRole: 'resident',
    activeRoleLabel: '',
    actions: [] as QuickAction[],
    /** This month in the community, for residents (from the wish disclosure); '' when unavailable. */
    monthSummary: '',
  },

  methods: {
    onLoad() {
      return this.loadProfile();
    },

    onShow() {
      // Back from the "me" tab after switching roles: show that role's actions.
      if (this.data.status === 'ready' && this.data.activeRole !== activeRole()) return this.loadProfile(false);
      return undefined;
    },

    async loadProfile(refresh = true) {
      if (refresh) this.setData({ status: 'loading', errorMessage: '' });
      try {
        const p = await profile(refresh);
        this.setData({ status: 'ready', ...profileView(p, activeRole()) });
        if (activeRole() === 'resident') void this.loadMonth();
      } catch (err) {
        this.setData({ status: 'error', errorMessage: userMessage(err) });
      }
    },

    async loadMonth() {
      // A second source: the home page stands without it.
      try {
        const d = await wishDisclosure({ communityId: homeCommunity(), month: monthOf(Date.now()) });
        const f = d.figures;
        this.setData({ monthSummary: `本月社区：新心愿${f.posted}个，已被认领${f.claimed}个，已圆梦${f.fulfilled}个` });
      } catch {
        this.setData({ monthSummary: '' });
      }
    },

    onCommunityTap() {
      return navigateTo('/pages/resident/community/index');
    },

    onRetryTap() {
      return this.loadProfile();
    },

    onActionTap(e: WechatMiniprogram.TouchEvent) {
      return navigateTo(String(e.currentTarget.dataset.url));
    },

    onSwitchRoleTap() {
      return switchTab('/pages/me/index');
    },
  },
});
