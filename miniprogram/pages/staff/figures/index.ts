// Community figures for staff (社区数据): the month's volunteering (activities, confirmed records and
// hours), what waits in each review queue (a tap opens it), the month's wishes, the funds' balances
// and the disclosures due. The volunteering figures are the page (staff and social workers: a refusal
// is the error state); the other three are read beside them and a failure of one shows on its own card
// (a social worker is refused the funds and the disclosures there).
import { pageBase } from '../../../behaviors/page-base';
import { activityFigures } from '../../../services/activity';
import { disclosuresDue, listFunds } from '../../../services/charity';
import { userMessage } from '../../../services/errors';
import { navigateTo } from '../../../services/platform';
import { activeRole, communityFor, profile } from '../../../services/session';
import { wishDisclosure } from '../../../services/wish';
import { dueCount, fundLines, queueLines, volunteeringLines, type FigureLine, type WorkLine } from '../../../utils/figures-view';
import { disclosureFigures, monthLabel, monthOf, previousMonth, type DisclosureFigure } from '../../../utils/wish-view';

const failure = (r: PromiseSettledResult<unknown>): string => (r.status === 'rejected' ? userMessage(r.reason) : '');

Component({
  behaviors: [pageBase],
  data: {
    status: 'loading',
    errorMessage: '',
    month: '',
    monthText: '',
    isThisMonth: true,
    volunteering: [] as FigureLine[],
    queues: [] as WorkLine[],
    wishes: [] as DisclosureFigure[],
    wishError: '',
    funds: [] as FigureLine[],
    fundError: '',
    dueError: '',
  },
  methods: {
    onLoad() {
      return this.show(monthOf(Date.now()));
    },

    async show(month: string) {
      this.setData({ status: 'loading', errorMessage: '', month, monthText: monthLabel(month), isThisMonth: month === monthOf(Date.now()) });
      try {
        await profile();
        // The community of the role the person acts in (staff, community admin or social worker).
        const communityId = communityFor(activeRole()) ?? '';
        const [figures, wishes, funds, due] = await Promise.allSettled([
          activityFigures({ communityId, month }),
          wishDisclosure({ communityId, month }),
          listFunds({ communityId }),
          disclosuresDue({ communityId }),
        ]);
        if (figures.status === 'rejected') throw figures.reason;
        const f = figures.value;
        this.setData({
          status: 'ready',
          volunteering: volunteeringLines(f),
          queues: queueLines(f, due.status === 'fulfilled' ? dueCount(due.value) : null),
          dueError: failure(due),
          wishes: wishes.status === 'fulfilled' ? disclosureFigures(wishes.value.figures) : [],
          wishError: failure(wishes),
          funds: funds.status === 'fulfilled' ? fundLines(funds.value.items) : [],
          fundError: failure(funds),
        });
      } catch (err) {
        this.setData({ status: 'error', errorMessage: userMessage(err) });
      }
    },

    onPrevTap() {
      return this.show(previousMonth(this.data.month));
    },

    onThisMonthTap() {
      return this.show(monthOf(Date.now()));
    },

    onRetry() {
      return this.show(this.data.month);
    },

    onGo(e: WechatMiniprogram.TouchEvent) {
      return navigateTo(String(e.currentTarget.dataset.url));
    },
  },
});
