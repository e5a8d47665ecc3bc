// Disclosures due (两公开): receipts and projects whose public disclosure is due or overdue, so
// staff publish them on time; overdue first.
import { pageBase } from '../../../behaviors/page-base';
import { disclosuresDue } from '../../../services/charity';
import { userMessage } from '../../../services/errors';
import { navigateTo } from '../../../services/platform';
import { communityFor, profile } from '../../../services/session';
import { day } from '../../../utils/format';

interface DueRow {
  id: string;
  text: string;
  due: string;
  overdue: boolean;
}

Component({
  behaviors: [pageBase],
  data: { status: 'loading', errorMessage: '', rows: [] as DueRow[], overdueCount: 0 },
  methods: {
    async onLoad() {
      this.setData({ status: 'loading', errorMessage: '' });
      try {
        await profile();
        const r = await disclosuresDue({ communityId: communityFor('staff') ?? '' });
        const rows: DueRow[] = [
          ...r.entries.map((e) => ({ id: e.entryId, text: `${e.direction === 'received' ? '收到' : '发放'}：${e.label} ${e.item}（${day(e.on)}）`, due: `应在${day(e.dueOn)}前公开`, overdue: e.overdue })),
          ...r.projects.map((p) => ({ id: p.projectId, text: `项目：${p.name}`, due: `应在${day(p.dueOn)}前公开`, overdue: p.overdue })),
        ].sort((a, b) => Number(b.overdue) - Number(a.overdue));
        this.setData({ rows, overdueCount: rows.filter((x) => x.overdue).length, status: rows.length ? 'ready' : 'empty' });
      } catch (err) {
        this.setData({ status: 'error', errorMessage: userMessage(err) });
      }
    },
    onRetry() {
      return this.onLoad();
    },
    onFiguresTap() {
      return navigateTo('/pages/resident/community/index');
    },
  },
});
