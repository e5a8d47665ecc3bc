// One wish as its donor (or a party of it) sees it: never an address. Claim asks for the
// subscription from the tap itself; after claiming, the delivery deadline counts down.
import { pageBase } from '../../../behaviors/page-base';
import { userMessage } from '../../../services/errors';
import { requestSubscribe, toast } from '../../../services/platform';
import { subscribeTemplatesFor } from '../../../services/user';
import { cancelClaim, claimWish, getWish, pledgeWish } from '../../../services/wish';
import { yuanToFen } from '../../../utils/wish-view';
import { wishDetail, type WishDetail } from '../../../utils/wish-view';

Component({
  behaviors: [pageBase],
  data: {
    status: 'loading',
    errorMessage: '',
    wishId: '',
    view: null as WishDetail | null,
    busy: false,
    actionError: '',
    confirmingCancel: false,
    shareInput: '',
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.setData({ wishId: query.wishId ?? '' });
      return this.load();
    },
    async load() {
      if (!this.data.view) this.setData({ status: 'loading', errorMessage: '' });
      try {
        const w = await getWish(this.data.wishId);
        this.setData({ status: 'ready', view: wishDetail(w, Date.now()) });
      } catch (err) {
        this.setData({ status: 'error', errorMessage: userMessage(err) });
      }
    },
    onRetry() {
      return this.load();
    },
    async onClaimTap() {
      if (this.data.busy || !this.data.view) return;
      await requestSubscribe(subscribeTemplatesFor('wishClaimed'));
      this.setData({ busy: true, actionError: '' });
      try {
        const w = await claimWish(this.data.wishId, this.data.view.version);
        this.setData({ busy: false, view: wishDetail(w, Date.now()) });
        toast('认领成功，请按期限送到社区服务站', 'none');
      } catch (err) {
        this.setData({ busy: false, actionError: userMessage(err) });
      }
    },
    onShareInput(e: WechatMiniprogram.Input) {
      this.setData({ shareInput: e.detail.value, actionError: '' });
    },
    async onPledgeTap() {
      if (this.data.busy || !this.data.view) return;
      const fen = yuanToFen(this.data.shareInput);
      if (fen === null) return this.setData({ actionError: '请填写认捐金额，例如 50' });
      await requestSubscribe(subscribeTemplatesFor('wishClaimed'));
      this.setData({ busy: true, actionError: '' });
      try {
        const w = await pledgeWish(this.data.wishId, fen);
        this.setData({ busy: false, shareInput: '', view: wishDetail(w, Date.now()) });
        toast('谢谢您的认捐', 'success');
      } catch (err) {
        this.setData({ busy: false, actionError: userMessage(err) });
      }
      return undefined;
    },
    onCancelTap() {
      this.setData({ confirmingCancel: true });
    },
    onKeepTap() {
      this.setData({ confirmingCancel: false });
    },
    async onConfirmCancelTap() {
      if (this.data.busy || !this.data.view) return;
      this.setData({ busy: true, actionError: '' });
      try {
        const w = await cancelClaim(this.data.wishId, this.data.view.version);
        this.setData({ busy: false, confirmingCancel: false, view: wishDetail(w, Date.now()) });
        toast('已取消认领');
      } catch (err) {
        this.setData({ busy: false, actionError: userMessage(err) });
      }
    },
  },
});
