// Home: who am I, in which role, and what can I do here. Pure logic lives in utils/; backend and
// wx.* in services/.
import { pageBase } from '../../behaviors/page-base';
import { userMessage } from '../../services/errors';
import { navigateTo, switchTab } from '../../services/platform';
import { activeRole, profile } from '../../services/session';
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
      } catch (err) {
        this.setData({ status: 'error', errorMessage: userMessage(err) });
      }
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
