// Community home (公开): what happened this month — wishes posted, claimed and fulfilled (wish
// disclosure) and what the community received and gave (charity public ledger) — plus quick actions.
import { pageBase } from '../../../behaviors/page-base';
import { userMessage } from '../../../services/errors';
import { publicLedger } from '../../../services/charity';
import { navigateTo } from '../../../services/platform';
import { homeCommunity, profile } from '../../../services/session';
import { wishDisclosure } from '../../../services/wish';
import { yuan } from '../../../utils/format';
import { disclosureFigures, monthLabel, monthOf, previousMonth, wishRow, type DisclosureFigure, type WishRow } from '../../../utils/wish-view';

interface LedgerLine {
  id: string;
  text: string;
}

Component({
  behaviors: [pageBase],
  data: {
    status: 'loading',
    errorMessage: '',
    month: '',
    monthText: '',
    figures: [] as DisclosureFigure[],
    fulfilled: [] as WishRow[],
    received: [] as LedgerLine[],
    given: [] as LedgerLine[],
    ledgerTotals: '',
    ledgerError: '',
  },
  methods: {
    onLoad() {
      return this.show(monthOf(Date.now()));
    },
    async show(month: string) {
      this.setData({ status: 'loading', errorMessage: '', month, monthText: monthLabel(month) });
      try {
        await profile();
        const communityId = homeCommunity();
        const d = await wishDisclosure({ communityId, month });
        this.setData({ status: 'ready', figures: disclosureFigures(d.figures), fulfilled: d.fulfilled.map((c) => wishRow(c)) });
        // The charity ledger is a second source: the page stands without it.
        try {
          const l = await publicLedger({ communityId, month });
          const line = (e: { id: string; label: string; item: string; quantity: number | null; unit: string | null; amountFen: number | null }) => ({
            id: e.id,
            text: `${e.label}：${e.item}${e.quantity ? ` ${e.quantity}${e.unit ?? ''}` : ''}${e.amountFen ? ` ${yuan(e.amountFen)}` : ''}`,
          });
          this.setData({ received: l.received.map(line), given: l.given.map(line), ledgerTotals: `收到 ${yuan(l.receivedFen)}，支出 ${yuan(l.givenFen)}`, ledgerError: '' });
        } catch (err) {
          this.setData({ received: [], given: [], ledgerTotals: '', ledgerError: userMessage(err) });
        }
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
