// "我的": switch the role the app acts in, turn elder mode on or off, read the privacy agreement.
import { applyScale, pageBase } from '../../behaviors/page-base';
import { userMessage } from '../../services/errors';
import { openPrivacyContract } from '../../services/privacy';
import { toast } from '../../services/platform';
import { activeRole, elderMode, profile, roles, setElderMode, switchRole } from '../../services/session';
import type { RoleName } from '../../services/types';
import { roleOptions, type RoleOption } from '../../utils/me-view';
import { roleLabel } from '../../utils/roles';

Component({
  behaviors: [pageBase],
  data: {
    status: 'loading',
    errorMessage: '',
    options: [] as RoleOption[],
    elder: false,
  },
  methods: {
    onLoad() {
      this.setData({ elder: elderMode() });
      return this.load();
    },

    async load() {
      this.setData({ status: 'loading', errorMessage: '' });
      try {
        // Fresh each time: a role granted since launch shows up here.
        await profile(true);
        this.setData({ status: 'ready', options: roleOptions(roles(), activeRole()) });
      } catch (err) {
        this.setData({ status: 'error', errorMessage: userMessage(err) });
      }
    },

    onRetry() {
      return this.load();
    },

    onRoleTap(e: WechatMiniprogram.TouchEvent) {
      const role = switchRole(e.currentTarget.dataset.role as RoleName);
      this.setData({ options: roleOptions(roles(), role) });
      toast(`已切换为${roleLabel(role)}`);
    },

    onElderTap() {
      const on = !this.data.elder;
      setElderMode(on);
      this.setData({ elder: on });
      applyScale(this);
    },

    onPrivacyTap() {
      openPrivacyContract();
    },
  },
});
