// Staff publish an activity: what, the risks (条例 §12), where (the check-in geofence is centred on
// the staff member's position, taken at the place), when, how many. Saved as a draft, then published.
import { pageBase } from '../../../behaviors/page-base';
import type { CreateActivityInput } from '../../../core/index';
import { createActivity, publishActivity } from '../../../services/activity';
import { fieldErrors, userMessage } from '../../../services/errors';
import { getLocation, navigateTo, platformErrorKind } from '../../../services/platform';
import { communityFor, profile } from '../../../services/session';
import { activityFormProblems, instantOf } from '../../../utils/activity-form';

const CATEGORIES = [
  { key: 'elderly-care', label: '助老' },
  { key: 'environment', label: '环保' },
  { key: 'community-service', label: '社区服务' },
  { key: 'child-care', label: '关爱儿童' },
  { key: 'health', label: '健康' },
  { key: 'emergency', label: '应急' },
];

Component({
  behaviors: [pageBase],
  data: {
    step: 'loading' as 'loading' | 'error' | 'form' | 'done',
    errorMessage: '',
    communityId: '',
    categories: CATEGORIES,
    category: 'elderly-care',
    title: '',
    content: '',
    risks: '无特殊风险',
    placeName: '',
    lat: null as number | null,
    lng: null as number | null,
    placeText: '',
    day: '',
    start: '09:00',
    end: '11:00',
    capacity: '10',
    leaderName: '',
    organizingUnit: '',
    insurance: false,
    errors: {} as Record<string, string>,
    submitError: '',
    busy: false,
    createdId: '',
  },
  methods: {
    async onLoad() {
      this.setData({ step: 'loading', errorMessage: '' });
      try {
        await profile();
        const communityId = communityFor('staff') ?? communityFor('social-worker');
        if (!communityId) return this.setData({ step: 'error', errorMessage: '只有社区工作人员和社工可以发布活动' });
        this.setData({ step: 'form', communityId });
      } catch (err) {
        this.setData({ step: 'error', errorMessage: userMessage(err) });
      }
      return undefined;
    },
    onRetry() {
      return this.onLoad();
    },
    onInput(e: WechatMiniprogram.Input) {
      const field = String(e.currentTarget.dataset.field);
      this.setData({ [field]: e.detail.value, [`errors.${field}`]: '' });
    },
    onCategoryTap(e: WechatMiniprogram.TouchEvent) {
      this.setData({ category: String(e.currentTarget.dataset.key) });
    },
    onInsuranceTap() {
      this.setData({ insurance: !this.data.insurance });
    },
    async onHereTap() {
      try {
        const p = await getLocation();
        this.setData({ lat: p.lat, lng: p.lng, placeText: `已记录位置（精度约${Math.round(p.accuracy)}米），签到范围200米`, 'errors.place': '' });
      } catch (err) {
        const kind = platformErrorKind(err);
        this.setData({ 'errors.place': kind === 'denied' || kind === 'privacy' ? '没有位置权限：请允许后再点一次' : '没有获取到位置，请再试一次' });
      }
    },
    async onSubmit() {
      const d = this.data;
      if (d.busy) return;
      const errors = activityFormProblems(d, Date.now());
      if (Object.keys(errors).length) return this.setData({ errors, submitError: '请按提示修改后再提交' });
      const input: CreateActivityInput = {
        communityId: d.communityId,
        title: d.title.trim(),
        content: d.content.trim(),
        category: d.category as CreateActivityInput['category'],
        risks: d.risks.trim(),
        place: { name: d.placeName.trim(), lat: d.lat as number, lng: d.lng as number, radiusM: 200 },
        startAt: instantOf(d.day, d.start) as number,
        endAt: instantOf(d.day, d.end) as number,
        capacity: Number(d.capacity),
        eligibility: { minAge: 14, trainings: [], insuranceRequired: d.insurance, teamOnly: false },
        organizingUnit: d.organizingUnit.trim(),
        leaderName: d.leaderName.trim(),
      };
      this.setData({ busy: true, errors: {}, submitError: '' });
      try {
        // A draft that was created but not yet published is not created twice on a second tap.
        const activityId = d.createdId || (await createActivity(input)).activityId;
        this.setData({ createdId: activityId });
        await publishActivity(activityId);
        this.setData({ busy: false, step: 'done' });
      } catch (err) {
        this.setData({ busy: false, errors: fieldErrors(err), submitError: userMessage(err) });
      }
      return undefined;
    },
    onOpenTap() {
      return navigateTo(`/pages/volunteer/activity/index?activityId=${this.data.createdId}`);
    },
  },
});
