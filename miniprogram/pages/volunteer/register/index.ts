// Volunteer registration (办法 §5): two consent screens first — the processing rules, then the
// separate consent for the ID number (PIPL §29) — then the form; a guardian consents for ages 14–17.
import { pageBase } from '../../../behaviors/page-base';
import { CONSENT_VERSION, dayOf, type RegisterInput } from '../../../core/index';
import { fieldErrors, userMessage } from '../../../services/errors';
import { redirectTo } from '../../../services/platform';
import { homeCommunity, profile } from '../../../services/session';
import { register, resubmit, volunteerMe } from '../../../services/volunteer';
import { ageBand, CATEGORY_CHOICES, formProblems, GUARDIAN_RELATIONS, type AgeBand } from '../../../utils/register-view';

type Step = 'loading' | 'error' | 'registered' | 'rules' | 'sensitive' | 'form' | 'done';

Component({
  behaviors: [pageBase],
  data: {
    step: 'loading' as Step,
    errorMessage: '',
    agreedRules: false,
    agreedSensitive: false,
    name: '',
    idNumber: '',
    phone: '',
    area: '',
    categories: [] as string[],
    categoryChoices: CATEGORY_CHOICES.map((c) => ({ ...c, on: false })),
    band: 'unknown' as AgeBand,
    guardianName: '',
    guardianPhone: '',
    guardianRelation: 'mother',
    guardianConsent: false,
    relations: GUARDIAN_RELATIONS,
    errors: {} as Record<string, string>,
    submitError: '',
    busy: false,
    requestId: '',
    /** A rejected registration is corrected and sent again (volunteer.resubmit), with why it was refused. */
    resubmitting: false,
    rejectReason: '',
  },
  methods: {
    async onLoad() {
      this.setData({ step: 'loading', errorMessage: '' });
      try {
        await profile();
        const { volunteer } = await volunteerMe();
        const rejected = volunteer?.status === 'rejected';
        this.setData({ step: volunteer && !rejected ? 'registered' : 'rules', resubmitting: rejected, rejectReason: (rejected && volunteer.rejectReason) || '' });
      } catch (err) {
        this.setData({ step: 'error', errorMessage: userMessage(err) });
      }
    },

    onRetry() {
      return this.onLoad();
    },

    onToggleRules() {
      this.setData({ agreedRules: !this.data.agreedRules });
    },

    onToggleSensitive() {
      this.setData({ agreedSensitive: !this.data.agreedSensitive });
    },

    onRulesNext() {
      if (this.data.agreedRules) this.setData({ step: 'sensitive' });
    },

    onSensitiveNext() {
      if (this.data.agreedSensitive) this.setData({ step: 'form' });
    },

    onBack() {
      this.setData({ step: this.data.step === 'form' ? 'sensitive' : 'rules' });
    },

    onInput(e: WechatMiniprogram.Input) {
      const field = String(e.currentTarget.dataset.field);
      const value = e.detail.value;
      const patch: Record<string, unknown> = { [field]: value, [`errors.${field}`]: '' };
      if (field === 'idNumber') patch.band = ageBand(value.trim(), dayOf(Date.now()));
      this.setData(patch);
    },

    onCategoryTap(e: WechatMiniprogram.TouchEvent) {
      const i = Number(e.currentTarget.dataset.index);
      const choice = this.data.categoryChoices[i];
      const categories = choice.on ? this.data.categories.filter((c) => c !== choice.key) : [...this.data.categories, choice.key];
      this.setData({ [`categoryChoices[${i}].on`]: !choice.on, categories, 'errors.categories': '' });
    },

    onRelationTap(e: WechatMiniprogram.TouchEvent) {
      this.setData({ guardianRelation: String(e.currentTarget.dataset.key) });
    },

    onToggleGuardianConsent() {
      this.setData({ guardianConsent: !this.data.guardianConsent });
    },

    async onSubmit() {
      const d = this.data;
      if (d.busy) return;
      const errors = formProblems({ name: d.name, idNumber: d.idNumber.trim(), phone: d.phone.trim(), area: d.area, categories: d.categories });
      if (d.band === 'child') errors.idNumber = '未满14周岁不能注册为志愿者，可以在家长陪同下参加社区活动';
      if (d.band === 'minor') {
        if (d.guardianName.trim().length < 2) errors.guardianName = '请填写监护人姓名';
        if (!/^1[3-9]\d{9}$/.test(d.guardianPhone.trim())) errors.guardianPhone = '请填写监护人的11位手机号';
        if (!d.guardianConsent) errors.guardianConsent = '需要监护人同意';
      }
      if (Object.keys(errors).length) {
        this.setData({ errors, submitError: '请按提示修改后再提交' });
        return;
      }
      const input: RegisterInput = {
        communityId: homeCommunity(),
        name: d.name.trim(),
        idNumber: d.idNumber.trim(),
        phone: d.phone.trim(),
        residentialArea: d.area.trim(),
        skills: [],
        serviceCategories: d.categories as RegisterInput['serviceCategories'],
        consent: { version: CONSENT_VERSION, personalInfo: true, sensitiveInfo: true },
        guardian:
          d.band === 'minor'
            ? { name: d.guardianName.trim(), phone: d.guardianPhone.trim(), relation: d.guardianRelation as 'father' | 'mother' | 'guardian', consent: true }
            : null,
      };
      this.setData({ busy: true, submitError: '', errors: {} });
      try {
        const opts = { requestId: d.requestId || undefined };
        if (d.resubmitting) {
          const { communityId: _joined, ...again } = input;
          await resubmit(again, opts);
        } else await register(input, opts);
        this.setData({ busy: false, step: 'done', requestId: '' });
      } catch (err) {
        const requestId = (err as { requestId?: string }).requestId ?? '';
        this.setData({ busy: false, errors: fieldErrors(err), submitError: userMessage(err), requestId });
      }
    },

    onCardTap() {
      return redirectTo('/pages/volunteer/card/index');
    },
  },
});
