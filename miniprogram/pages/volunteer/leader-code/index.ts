// The leader's rotating check-in code, full screen. Each code is valid for one slot; the next one is
// fetched at the server's refreshAt (before the slot expires), so a photo of an old code is useless.
import { pageBase } from '../../../behaviors/page-base';
import { qrCode } from '../../../services/activity';
import { userMessage } from '../../../services/errors';
import { keepScreenOn } from '../../../services/platform';
import { refreshDelay, codeView, type CodeView } from '../../../utils/leader-view';

type Timer = ReturnType<typeof setTimeout>;

Component({
  behaviors: [pageBase],
  data: {
    status: 'loading',
    errorMessage: '',
    activityId: '',
    code: null as CodeView | null,
  },
  lifetimes: {
    detached() {
      (this as unknown as { stop(): void }).stop();
    },
  },
  pageLifetimes: {
    hide() {
      (this as unknown as { stop(): void }).stop();
    },
    show() {
      const self = this as unknown as { data: { code: CodeView | null }; refresh(): Promise<void> };
      // Back on screen after a pause: the shown code may be stale, fetch the current one.
      if (self.data.code) void self.refresh();
    },
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.setData({ activityId: query.activityId ?? '' });
      keepScreenOn(true);
      return this.refresh();
    },

    async refresh() {
      this.clearTimer();
      if (!this.data.code) this.setData({ status: 'loading', errorMessage: '' });
      try {
        const q = await qrCode(this.data.activityId);
        this.setData({ status: 'ready', code: codeView(q), errorMessage: '' });
        if (q.refreshAt !== null) {
          const self = this as unknown as { timer?: Timer };
          self.timer = setTimeout(() => void this.refresh(), refreshDelay(q.refreshAt, Date.now()));
        }
      } catch (err) {
        // An expired code must not stay on screen looking valid.
        this.setData({ status: 'error', code: null, errorMessage: userMessage(err) });
      }
    },

    clearTimer() {
      const self = this as unknown as { timer?: Timer };
      if (self.timer) clearTimeout(self.timer);
      self.timer = undefined;
    },

    stop() {
      this.clearTimer();
      keepScreenOn(false);
    },

    onRetry() {
      return this.refresh();
    },
  },
});
