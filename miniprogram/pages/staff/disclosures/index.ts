// Disclosures due (两公开): receipts and projects whose public disclosure is due or overdue, overdue
// first. Staff publish a receipt on its row, or all of them at once (in batches the contract
// accepts); a project is disclosed by its progress report (the projects page). Staff may subscribe
// to the daily reminder (template from user.me, asked from the tap).
import { pageBase } from '../../../behaviors/page-base';
import { disclosuresDue, publishDisclosures } from '../../../services/charity';
import { userMessage } from '../../../services/errors';
import { navigateTo, requestSubscribe, toast } from '../../../services/platform';
import { communityFor, profile } from '../../../services/session';
import { subscribeTemplatesFor } from '../../../services/user';
import { day } from '../../../utils/format';
import { actOnRow } from '../../../utils/row-action';

/** publishDisclosures takes at most this many entries per call. */
const BATCH = 100;

interface DueRow {
  id: string;
  kind: 'entry' | 'project';
  text: string;
  due: string;
  overdue: boolean;
  published: boolean;
  busy: boolean;
  error: string;
}

Component({
  behaviors: [pageBase],
  data: {
    status: 'loading',
    errorMessage: '',
    communityId: '',
    rows: [] as DueRow[],
    overdueCount: 0,
    unpublished: 0,
    publishingAll: false,
    allError: '',
    canSubscribe: false,
  },
  methods: {
    async onLoad() {
      this.setData({ status: 'loading', errorMessage: '', allError: '', canSubscribe: subscribeTemplatesFor('disclosuresDue').length > 0 });
      try {
        await profile();
        const communityId = communityFor('staff') ?? '';
        const r = await disclosuresDue({ communityId });
        const base = { published: false, busy: false, error: '' };
        const rows: DueRow[] = [
          ...r.entries.map((e) => ({ ...base, id: e.entryId, kind: 'entry' as const, text: `${e.direction === 'received' ? '收到' : '发放'}：${e.label} ${e.item}（${day(e.on)}）`, due: `应在${day(e.dueOn)}前公开`, overdue: e.overdue })),
          ...r.projects.map((p) => ({ ...base, id: p.projectId, kind: 'project' as const, text: `项目：${p.name}`, due: `应在${day(p.dueOn)}前报告进展`, overdue: p.overdue })),
        ].sort((a, b) => Number(b.overdue) - Number(a.overdue));
        this.setData({ communityId, rows, overdueCount: rows.filter((x) => x.overdue).length, unpublished: r.entries.length, status: rows.length ? 'ready' : 'empty' });
      } catch (err) {
        this.setData({ status: 'error', errorMessage: userMessage(err) });
      }
    },

    /** The rows now published, by path, and the counts that follow. */
    markPublished(ids: Set<string>) {
      const patch: Record<string, unknown> = {};
      this.data.rows.forEach((r, i) => {
        if (ids.has(r.id)) patch[`rows[${i}]`] = { ...r, published: true, overdue: false, busy: false, error: '' };
      });
      const left = this.data.rows.filter((r) => !ids.has(r.id) && !r.published);
      this.setData({ ...patch, unpublished: left.filter((r) => r.kind === 'entry').length, overdueCount: left.filter((r) => r.overdue).length });
    },

    async onPublishTap(e: WechatMiniprogram.TouchEvent) {
      const i = Number(e.currentTarget.dataset.index);
      const row = this.data.rows[i];
      const ok = await actOnRow(this, 'rows', i, () => publishDisclosures({ communityId: this.data.communityId, entryIds: [row.id] }), () => ({ ...row, published: true, overdue: false, busy: false, error: '' }), '已公开');
      if (ok) this.markPublished(new Set([row.id]));
    },

    async onPublishAllTap() {
      if (this.data.publishingAll) return;
      const ids = this.data.rows.filter((r) => r.kind === 'entry' && !r.published).map((r) => r.id);
      if (!ids.length) return;
      this.setData({ publishingAll: true, allError: '' });
      const done = new Set<string>();
      try {
        for (let i = 0; i < ids.length; i += BATCH) {
          const batch = ids.slice(i, i + BATCH);
          await publishDisclosures({ communityId: this.data.communityId, entryIds: batch });
          batch.forEach((id) => done.add(id));
        }
        toast(`已公开${ids.length}条`, 'success');
      } catch (err) {
        this.setData({ allError: userMessage(err) });
      } finally {
        if (done.size) this.markPublished(done);
        this.setData({ publishingAll: false });
      }
    },

    onProjectsTap() {
      return navigateTo('/pages/staff/projects/index');
    },

    async onSubscribeTap() {
      // Asked from the tap itself: WeChat refuses a prompt that is not.
      const accepted = await requestSubscribe(subscribeTemplatesFor('disclosuresDue'));
      toast(accepted.length ? '已订阅到期提醒' : '没有订阅，可随时再点');
    },

    onRetry() {
      return this.onLoad();
    },

    onFiguresTap() {
      return navigateTo('/pages/resident/community/index');
    },
  },
});
