// My volunteer card: number, status, stars, hours and time-bank credits, with the way to the rest.
import { pageBase } from '../../../behaviors/page-base';
import { userMessage } from '../../../services/errors';
import { navigateTo } from '../../../services/platform';
import { timeBank, volunteerMe } from '../../../services/volunteer';
import { minutes } from '../../../utils/format';
import { cardView, type CardView } from '../../../utils/volunteer-view';

Component({
  behaviors: [pageBase],
  data: { status: 'loading', errorMessage: '', card: null as CardView | null, credits: '' },
  methods: {
    async onLoad() {
      this.setData({ status: 'loading', errorMessage: '' });
      try {
        const { volunteer } = await volunteerMe();
        if (!volunteer) return this.setData({ status: 'empty' });
        this.setData({ status: 'ready', card: cardView(volunteer) });
        if (volunteer.status === 'verified') {
          // Credits are a second call; the card stands without them.
          try {
            const bank = await timeBank({ limit: 1 });
            this.setData({ credits: minutes(bank.balanceMinutes) });
          } catch {
            this.setData({ credits: '' });
          }
        }
      } catch (err) {
        this.setData({ status: 'error', errorMessage: userMessage(err) });
      }
      return undefined;
    },
    onRetry() {
      return this.onLoad();
    },
    onGo(e: WechatMiniprogram.TouchEvent) {
      return navigateTo(String(e.currentTarget.dataset.url));
    },
  },
});
