// The leader's rotating check-in code, full screen. Each code is valid for one slot; the next one is
// fetched at the server's refreshAt (before the slot expires, behaviors/code-refresh.ts), so a photo
// of an old code is useless.
import { codeRefresh } from '../../../behaviors/code-refresh';
import { pageBase } from '../../../behaviors/page-base';
import { qrCode } from '../../../services/activity';
import { userMessage } from '../../../services/errors';
import { keepScreenOn } from '../../../services/platform';
import { codeView, type CodeView } from '../../../utils/leader-view';

Component({
  behaviors: [pageBase, codeRefresh],
  data: {
    status: 'loading',
    errorMessage: '',
    activityId: '',
    code: null as CodeView | null,
  },
  lifetimes: {
    detached() {
      keepScreenOn(false);
    },
  },
  pageLifetimes: {
    hide() {
      keepScreenOn(false);
    },
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.setData({ activityId: query.activityId ?? '' });
      keepScreenOn(true);
      return this.refreshCode();
    },

    async refreshCode() {
      this.clearRefresh();
      if (!this.data.code) this.setData({ status: 'loading', errorMessage: '' });
      try {
        const q = await qrCode(this.data.activityId);
        this.setData({ status: 'ready', code: codeView(q), errorMessage: '' });
        if (q.refreshAt !== null) this.scheduleRefresh(q.refreshAt);
      } catch (err) {
        // An expired code must not stay on screen looking valid.
        this.setData({ status: 'error', code: null, errorMessage: userMessage(err) });
      }
    },

    onRetry() {
      return this.refreshCode();
    },
  },
});
