// Home: who am I and what can I do here. Pure logic lives in utils/; backend and wx.* in services/.
import { userMessage } from '../../services/errors';
import { systemFontScale } from '../../services/platform';
import { me } from '../../services/user';
import { fontScale, scaleStyle } from '../../utils/elder';
import { profileView, type LoadStatus } from '../../utils/home-view';
import type { RoleChip } from '../../utils/roles';

function elderModeOn(): boolean {
  // getApp() is undefined while the App is still being created, and in component tests.
  const app = getApp<IAppOption>() as IAppOption | undefined;
  return app?.globalData?.elderMode ?? false;
}

Component({
  data: {
    status: 'loading' as LoadStatus,
    errorMessage: '',
    greeting: '',
    chips: [] as RoleChip[],
    residentOnly: false,
    rootStyle: '',
  },

  methods: {
    onLoad() {
      this.setData({ rootStyle: scaleStyle(fontScale(systemFontScale(), elderModeOn())) });
      return this.loadProfile();
    },

    async loadProfile() {
      this.setData({ status: 'loading', errorMessage: '' });
      try {
        const profile = await me();
        this.setData({ status: 'ready', ...profileView(profile) });
      } catch (err) {
        this.setData({ status: 'error', errorMessage: userMessage(err) });
      }
    },

    onRetryTap() {
      return this.loadProfile();
    },
  },
});
