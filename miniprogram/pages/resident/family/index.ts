// Family (家人): the people this person may post wishes for and sign off for, once community staff
// bound them (an elderly parent without a smartphone, say), and this person's binding code to show
// staff for that: a short-lived one-time code (a mini-program code staff scan, and 8 characters to
// read out or type), made on a tap. Opened by scanning that code with WeChat, the page says what it is.
import { pageBase } from '../../../behaviors/page-base';
import { isAppError, userMessage } from '../../../services/errors';
import { navigateTo, setClipboard, toast } from '../../../services/platform';
import { familyCode, issueFamilyCode, listRecipients } from '../../../services/wish';
import { familyChoices, type FamilyChoice } from '../../../utils/recipient-view';
import { cardCodeShown } from '../../../utils/volunteer-card';
import type { FamilyCodeView } from '../../../core/index';

interface BindingCode {
  /** XXXX-XXXX */
  code: string;
  src: string;
  validUntil: string;
}

const shown = (c: FamilyCodeView): BindingCode => ({ code: c.code, ...cardCodeShown(c) });

Component({
  behaviors: [pageBase],
  data: {
    status: 'loading' as 'loading' | 'error' | 'ready',
    errorMessage: '',
    family: [] as FamilyChoice[],
    /** Opened by scanning a binding code with WeChat. */
    scanned: false,
    binding: null as BindingCode | null,
    codeBusy: false,
    codeError: '',
  },
  methods: {
    async onLoad(query: Record<string, string | undefined> = {}) {
      this.setData({ status: 'loading', errorMessage: '', scanned: !!query.scene });
      try {
        const page = await listRecipients({ as: 'mine' });
        this.setData({ status: 'ready', family: familyChoices(page.items) });
      } catch (err) {
        return this.setData({ status: 'error', errorMessage: userMessage(err) });
      }
      // A code made earlier and still valid is shown again; none yet is not an error.
      try {
        this.setData({ binding: shown(await familyCode()), codeError: '' });
      } catch (err) {
        const none = isAppError(err) && err.details?.reason === 'wish.no_family_code';
        this.setData({ binding: null, codeError: none ? '' : userMessage(err) });
      }
      return undefined;
    },
    onRetry() {
      return this.onLoad();
    },
    /** A new code (the last one stops working), then shown. */
    async onNewCodeTap() {
      if (this.data.codeBusy) return;
      this.setData({ codeBusy: true, codeError: '' });
      try {
        await issueFamilyCode();
        this.setData({ codeBusy: false, binding: shown(await familyCode()) });
      } catch (err) {
        this.setData({ codeBusy: false, binding: null, codeError: userMessage(err) });
      }
    },
    async onCopyTap() {
      if (!this.data.binding) return;
      try {
        await setClipboard(this.data.binding.code);
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
