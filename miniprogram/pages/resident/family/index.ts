// Family (家人): the people this person may post wishes for and sign off for, once community staff
// bound them (an elderly parent without a smartphone, say), and this person's binding code to give
// staff for that. Staff bind in person (心愿对象 → 绑定家属), by scanning or pasting the code.
import { pageBase } from '../../../behaviors/page-base';
import { userMessage } from '../../../services/errors';
import { navigateTo, setClipboard, toast } from '../../../services/platform';
import { profile } from '../../../services/session';
import { listRecipients } from '../../../services/wish';
import { familyChoices, type FamilyChoice } from '../../../utils/recipient-view';

Component({
  behaviors: [pageBase],
  data: {
    status: 'loading' as 'loading' | 'error' | 'ready',
    errorMessage: '',
    bindingCode: '',
    family: [] as FamilyChoice[],
  },
  methods: {
    async onLoad() {
      this.setData({ status: 'loading', errorMessage: '' });
      try {
        const [p, page] = await Promise.all([profile(), listRecipients({ as: 'mine' })]);
        this.setData({ status: 'ready', bindingCode: p.openid, family: familyChoices(page.items) });
      } catch (err) {
        this.setData({ status: 'error', errorMessage: userMessage(err) });
      }
    },
    onRetry() {
      return this.onLoad();
    },
    async onCopyTap() {
      try {
        await setClipboard(this.data.bindingCode);
        toast('已复制，可以在微信里发给社区工作人员');
      } catch {
        toast('复制没有成功，请让工作人员照着屏幕抄写');
      }
    },
    onPostTap(e: WechatMiniprogram.TouchEvent) {
      return navigateTo(`/pages/resident/wish-new/index?recipientId=${e.currentTarget.dataset.id}`);
    },
    onMineTap() {
      return navigateTo('/pages/resident/my-wishes/index');
    },
  },
});
