// Post a micro-wish: for myself, for a family member bound to me, or (staff) for a resident without
// a smartphone. The recipient is registered first when needed; the wish then waits for the
// community to verify it. Text is checked by the server (content.rejected lands on its field).
import { pageBase } from '../../../behaviors/page-base';
import { addDays, dayOf, type PostWishInput, type RegisterRecipientInput } from '../../../core/index';
import { fieldErrors, userMessage } from '../../../services/errors';
import { navigateTo, requestSubscribe } from '../../../services/platform';
import { subscribeTemplatesFor } from '../../../services/user';
import { communityFor, homeCommunity, profile, roles } from '../../../services/session';
import { listRecipients, postWish, registerRecipient } from '../../../services/wish';
import { familyChoices, type FamilyChoice } from '../../../utils/recipient-view';
import { AGE_BANDS, GROUPS, WANTED_WITHIN, WISH_CATEGORIES, yuanToFen } from '../../../utils/wish-view';

type Mode = 'self' | 'family' | 'proxy';

Component({
  behaviors: [pageBase],
  data: {
    step: 'loading' as 'loading' | 'error' | 'form' | 'done',
    errorMessage: '',
    mode: 'self' as Mode,
    isStaff: false,
    selfKnown: false,
    // recipient
    name: '',
    phone: '',
    address: '',
    ageBand: '70-79',
    group: 'elderly',
    showGroup: false,
    recipientId: '',
    // wish
    item: '',
    description: '',
    category: 'daily-living',
    value: '',
    within: '30',
    ageBands: AGE_BANDS,
    groups: GROUPS,
    categories: WISH_CATEGORIES,
    withins: WANTED_WITHIN,
    errors: {} as Record<string, string>,
    submitError: '',
    busy: false,
    requestIds: { recipient: '', wish: '' },
    /** The caller's own recipient (recipients as mine, `you`), once registered. */
    selfId: '',
    /** The family members staff bound this person to. */
    family: [] as FamilyChoice[],
    /** Staff registered a resident (proxy): the next steps for that recipient. */
    doneRecipientId: '',
  },
  methods: {
    async onLoad(query: Record<string, string | undefined>) {
      this.setData({ step: 'loading', errorMessage: '' });
      try {
        const [, mine] = await Promise.all([profile(), listRecipients({ as: 'mine' })]);
        const isStaff = roles().some((g) => g.role === 'staff' || g.role === 'community-admin');
        const mode: Mode = query.recipientId ? 'family' : 'self';
        const selfId = mine.items.find((r) => r.you)?.id ?? '';
        const family = familyChoices(mine.items);
        const recipientId = query.recipientId ?? (family.length === 1 ? family[0].id : '');
        this.setData({ step: 'form', isStaff, mode, recipientId, selfId, selfKnown: !!selfId, family });
      } catch (err) {
        this.setData({ step: 'error', errorMessage: userMessage(err) });
      }
    },
    onMemberTap(e: WechatMiniprogram.TouchEvent) {
      this.setData({ recipientId: String(e.currentTarget.dataset.id), 'errors.recipientId': '' });
    },
    onFamilyPageTap() {
      return navigateTo('/pages/resident/family/index');
    },
    onRetry() {
      return this.onLoad({});
    },
    onModeTap(e: WechatMiniprogram.TouchEvent) {
      this.setData({ mode: String(e.currentTarget.dataset.key) as Mode, errors: {}, submitError: '' });
    },
    onInput(e: WechatMiniprogram.Input) {
      const field = String(e.currentTarget.dataset.field);
      this.setData({ [field]: e.detail.value, [`errors.${field}`]: '' });
    },
    onChoose(e: WechatMiniprogram.TouchEvent) {
      this.setData({ [String(e.currentTarget.dataset.field)]: String(e.currentTarget.dataset.key) });
    },
    onShowGroupTap() {
      this.setData({ showGroup: !this.data.showGroup });
    },

    problems(): Record<string, string> {
      const d = this.data;
      const p: Record<string, string> = {};
      const needRecipient = d.mode === 'proxy' || (d.mode === 'self' && !d.selfKnown);
      if (needRecipient && !d.name.trim()) p.name = '请填写姓名';
      if (d.mode === 'family' && !d.recipientId) p.recipientId = '请选择为哪位家人发布';
      if (!d.item.trim()) p.item = '请写想要的东西或服务，例如“助行器”';
      if (!d.description.trim()) p.description = '请简单说明为什么需要';
      if (yuanToFen(d.value) === null) p.valueFen = '请填写大约多少钱，例如 120';
      return p;
    },

    async recipient(): Promise<string> {
      const d = this.data;
      if (d.mode === 'family') return d.recipientId;
      if (d.mode === 'self' && d.selfKnown) return d.selfId;
      const input: RegisterRecipientInput = {
        communityId: d.mode === 'proxy' ? communityFor('staff') ?? homeCommunity() : homeCommunity(),
        self: d.mode === 'self',
        name: d.name.trim(),
        ageBand: d.ageBand as RegisterRecipientInput['ageBand'],
        group: d.group as RegisterRecipientInput['group'],
        showGroup: d.showGroup,
        ...(d.phone.trim() ? { phone: d.phone.trim() } : {}),
        ...(d.address.trim() ? { address: d.address.trim() } : {}),
      };
      const r = await registerRecipient(input, { requestId: d.requestIds.recipient || undefined });
      if (d.mode === 'self') this.setData({ selfId: r.id, selfKnown: true });
      return r.id;
    },

    async onSubmit() {
      if (this.data.busy) return;
      const errors = this.problems();
      if (Object.keys(errors).length) return this.setData({ errors, submitError: '请按提示修改后再提交' });
      await requestSubscribe(subscribeTemplatesFor('wishPosted'));
      this.setData({ busy: true, errors: {}, submitError: '' });
      let stage: 'recipient' | 'wish' = 'recipient';
      try {
        const recipientId = await this.recipient();
        stage = 'wish';
        const d = this.data;
        const input: PostWishInput = {
          recipientId,
          item: d.item.trim(),
          description: d.description.trim(),
          category: d.category as PostWishInput['category'],
          valueFen: yuanToFen(d.value) ?? 0,
          wantedOn: addDays(dayOf(Date.now()), Number(d.within)),
        };
        await postWish(input, { requestId: d.requestIds.wish || undefined });
        this.setData({ busy: false, step: 'done', requestIds: { recipient: '', wish: '' }, doneRecipientId: d.mode === 'proxy' ? recipientId : '' });
      } catch (err) {
        const requestId = (err as { requestId?: string }).requestId ?? '';
        this.setData({ busy: false, errors: fieldErrors(err), submitError: userMessage(err), [`requestIds.${stage}`]: requestId });
      }
      return undefined;
    },

    onMineTap() {
      return navigateTo('/pages/resident/my-wishes/index');
    },
    onCodeTap() {
      return navigateTo(`/pages/staff/wish-code/index?recipientId=${this.data.doneRecipientId}`);
    },
    onRecipientsTap() {
      return navigateTo('/pages/staff/wish-recipients/index');
    },
  },
});
