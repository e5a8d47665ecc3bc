// Pages that show a short-lived code (the leader's rotating check-in code, the volunteer card's
// personal QR): the next code is fetched at the server's refreshAt, never while the page is off
// screen or closed, and again as soon as the page comes back (the shown one may have expired).
// The page implements refreshCode() and keeps the shown code in data.code.
import { refreshDelay } from '../utils/leader-view';

type Timer = ReturnType<typeof setTimeout>;

interface Refreshing {
  data: { code?: unknown };
  refreshTimer?: Timer;
  refreshCode(): Promise<void>;
  clearRefresh(): void;
}

export const codeRefresh = Behavior({
  lifetimes: {
    detached() {
      (this as unknown as Refreshing).clearRefresh();
    },
  },
  pageLifetimes: {
    hide() {
      (this as unknown as Refreshing).clearRefresh();
    },
    show() {
      const self = this as unknown as Refreshing;
      if (self.data.code) void self.refreshCode();
    },
  },
  methods: {
    /** Fetches the next code at refreshAt (epoch ms). */
    scheduleRefresh(refreshAt: number) {
      const self = this as unknown as Refreshing;
      self.clearRefresh();
      self.refreshTimer = setTimeout(() => void self.refreshCode(), refreshDelay(refreshAt, Date.now()));
    },
    clearRefresh() {
      const self = this as unknown as Refreshing;
      if (self.refreshTimer) clearTimeout(self.refreshTimer);
      self.refreshTimer = undefined;
    },
  },
});
