// Charity projects of the community (公益项目): register one (name, start and end day), and report
// its progress; a project longer than six months is due a report every three months, and the page
// says when (late ones first in the staff's eye: marked). The disclosure reminder counts them too.
import { pageBase } from '../../../behaviors/page-base';
import { addDays, dayOf } from '../../../core/index';
import { listProjects, registerProject, reportProject } from '../../../services/charity';
import { userMessage } from '../../../services/errors';
import { toast } from '../../../services/platform';
import { communityFor, profile } from '../../../services/session';
import { appendPatch, firstPageStatus, type ListStatus } from '../../../utils/list';
import { buildProject, projectRow, type ProjectRow } from '../../../utils/project-view';
import { actOnRow } from '../../../utils/row-action';

const today = () => dayOf(Date.now());

Component({
  behaviors: [pageBase],
  data: {
    status: 'loading' as ListStatus,
    errorMessage: '',
    communityId: '',
    rows: [] as ProjectRow[],
    formOpen: false,
    name: '',
    startOn: '',
    endOn: '',
    errors: {} as Record<string, string>,
    submitError: '',
    busy: false,
    requestId: '',
  },
  methods: {
    async onLoad() {
      this.setData({ status: 'loading', errorMessage: '' });
      try {
        await profile();
        const communityId = communityFor('staff') ?? communityFor('community-admin') ?? '';
        const { items } = await listProjects(communityId);
        const rows = items.map((p) => projectRow(p, today()));
        this.setData({ communityId, rows, status: firstPageStatus(rows.length) });
      } catch (err) {
        this.setData({ status: 'error', errorMessage: userMessage(err) });
      }
    },
    onRetry() {
      return this.onLoad();
    },
    onFormTap() {
      const start = today();
      this.setData({ formOpen: !this.data.formOpen, name: '', startOn: start, endOn: addDays(start, 365), errors: {}, submitError: '', requestId: '' });
    },
    onInput(e: WechatMiniprogram.Input) {
      const field = String(e.currentTarget.dataset.field);
      this.setData({ [field]: e.detail.value, [`errors.${field}`]: '' });
    },
    async onSubmit() {
      const d = this.data;
      if (d.busy) return undefined;
      const { project, errors } = buildProject(d.name, d.startOn, d.endOn);
      if (!project) return this.setData({ errors, submitError: '请按提示修改后再提交' });
      this.setData({ busy: true, errors: {}, submitError: '' });
      try {
        const p = await registerProject({ communityId: d.communityId, ...project }, { requestId: d.requestId || undefined });
        this.setData({ ...appendPatch('rows', d.rows.length, [projectRow(p, today())]), busy: false, formOpen: false, requestId: '', status: 'ready' });
        toast('项目已登记', 'success');
      } catch (err) {
        this.setData({ busy: false, submitError: userMessage(err), requestId: (err as { requestId?: string }).requestId ?? '' });
      }
      return undefined;
    },
    onReportTap(e: WechatMiniprogram.TouchEvent) {
      const i = Number(e.currentTarget.dataset.index);
      this.setData({ [`rows[${i}].reportOpen`]: !this.data.rows[i].reportOpen, [`rows[${i}].error`]: '' });
    },
    onSummaryInput(e: WechatMiniprogram.Input) {
      this.setData({ [`rows[${Number(e.currentTarget.dataset.index)}].summary`]: e.detail.value });
    },
    onReportSubmit(e: WechatMiniprogram.TouchEvent) {
      const i = Number(e.currentTarget.dataset.index);
      const summary = this.data.rows[i].summary.trim();
      if (!summary) return this.setData({ [`rows[${i}].error`]: '请写几句这段时间的进展' });
      return actOnRow(this, 'rows', i, () => reportProject({ projectId: this.data.rows[i].id, summary }), (p) => projectRow(p, today()), '进展已报告');
    },
  },
});
