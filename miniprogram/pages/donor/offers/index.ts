// A donor's offers of goods, money or services: the list (with what was allocated and delivered)
// and a short form to offer more. Staff match offers to needs (pages/staff/allocations).
import { pageBase } from '../../../behaviors/page-base';
import { pagedList } from '../../../behaviors/paged-list';
import { addDays, dayOf, type OfferInput } from '../../../core/index';
import { createOffer, listMyOffers } from '../../../services/charity';
import { fieldErrors, userMessage } from '../../../services/errors';
import { requestSubscribe, toast } from '../../../services/platform';
import { subscribeTemplatesFor } from '../../../services/user';
import { listData } from '../../../utils/list';
import { AVAILABLE_WITHIN, CONDITIONS, DONOR_TYPES, GOODS_CATEGORIES, OFFER_KINDS, offerRow, SKILLS, type OfferRow } from '../../../utils/offer-view';
import { yuanToFen } from '../../../utils/wish-view';

const PAGE = 20;
const OFFERS = { key: 'rows', fetch: (after?: string) => listMyOffers({ after, limit: PAGE }), mapRow: offerRow };

Component({
  behaviors: [pageBase, pagedList],
  data: {
    ...listData<OfferRow>(),
    formOpen: false,
    kinds: OFFER_KINDS,
    goodsCategories: GOODS_CATEGORIES,
    conditions: CONDITIONS,
    skills: SKILLS,
    donorTypes: DONOR_TYPES,
    withins: AVAILABLE_WITHIN,
    kind: 'goods',
    category: 'food',
    condition: 'new',
    skill: 'repair',
    donorType: 'individual',
    within: '30',
    item: '',
    quantity: '',
    unit: '件',
    area: '',
    amount: '',
    hours: '',
    donorName: '',
    showName: false,
    errors: {} as Record<string, string>,
    submitError: '',
    busy: false,
    requestId: '',
  },
  methods: {
    list() {
      return OFFERS;
    },
    onOpenForm() {
      this.setData({ formOpen: !this.data.formOpen, errors: {}, submitError: '' });
    },
    onChoose(e: WechatMiniprogram.TouchEvent) {
      this.setData({ [String(e.currentTarget.dataset.field)]: String(e.currentTarget.dataset.key) });
    },
    onInput(e: WechatMiniprogram.Input) {
      const field = String(e.currentTarget.dataset.field);
      this.setData({ [field]: e.detail.value, [`errors.${field}`]: '' });
    },
    onShowNameTap() {
      this.setData({ showName: !this.data.showName });
    },
    build(): { offer?: OfferInput; errors: Record<string, string> } {
      const d = this.data;
      const errors: Record<string, string> = {};
      if (!d.donorName.trim()) errors.donorName = '请填写捐赠人名称（公开时只显示第一个字）';
      const common = {
        donorType: d.donorType as 'individual',
        donorName: d.donorName.trim(),
        showName: d.showName,
        availableUntil: addDays(dayOf(Date.now()), Number(d.within)),
      };
      if (d.kind === 'goods') {
        const q = Number(d.quantity);
        if (!d.item.trim()) errors.item = '请填写物品，例如“大米”';
        if (!Number.isInteger(q) || q < 1) errors.quantity = '请填写数量（整数）';
        if (!d.unit.trim()) errors.unit = '请填写单位，例如“袋”';
        if (!d.area.trim()) errors.area = '请填写在哪里取，例如“幸福里北门”';
        if (Object.keys(errors).length) return { errors };
        return {
          errors,
          offer: { kind: 'goods', category: d.category as 'food', item: d.item.trim(), quantity: q, unit: d.unit.trim(), condition: d.condition as 'new', pickupArea: d.area.trim(), ...common },
        };
      }
      if (d.kind === 'money') {
        const fen = yuanToFen(d.amount);
        if (fen === null) errors.amount = '请填写金额，例如 200';
        if (Object.keys(errors).length) return { errors };
        return { errors, offer: { kind: 'money', amountFen: fen as number, ...common } };
      }
      const h = Number(d.hours);
      if (!Number.isInteger(h) || h < 1) errors.hours = '请填写可以服务的小时数（整数）';
      if (!d.area.trim()) errors.area = '请填写可以服务的区域';
      if (Object.keys(errors).length) return { errors };
      return { errors, offer: { kind: 'service', skill: d.skill as 'repair', hours: h, area: d.area.trim(), ...common } };
    },
    async onSubmit() {
      if (this.data.busy) return;
      const { offer, errors } = this.build();
      if (!offer) return this.setData({ errors, submitError: '请按提示修改后再提交' });
      // From the tap, before anything is awaited (WeChat's rule): the allocation to accept later.
      await requestSubscribe(subscribeTemplatesFor('offerMade'));
      this.setData({ busy: true, errors: {}, submitError: '' });
      try {
        const o = await createOffer({ offer }, { requestId: this.data.requestId || undefined });
        toast('谢谢您！社区会尽快匹配', 'none');
        // Newest first: the list is short (own offers), one setData with the new row at the top.
        this.setData({ busy: false, formOpen: false, requestId: '', rows: [offerRow(o), ...this.data.rows], status: 'ready' });
      } catch (err) {
        this.setData({ busy: false, errors: fieldErrors(err), submitError: userMessage(err), requestId: (err as { requestId?: string }).requestId ?? '' });
      }
      return undefined;
    },
  },
});
