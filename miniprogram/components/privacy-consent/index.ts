// The privacy agreement card. Shown inline (no pop-up) while WeChat holds a protected API call
// (location, album, phone) until the user agrees; `always` shows it before any such call, e.g. on
// a page whose first step needs one.
import { agreePrivacy, declinePrivacy, onPrivacyRequest, openPrivacyContract, type PrivacyRequest } from '../../services/privacy';

const PURPOSE: Record<string, string> = {
  getLocation: '确认您在活动现场',
  saveImageToPhotosAlbum: '把证书保存到手机相册',
  getPhoneNumber: '核实您的手机号',
  chooseImage: '上传照片',
  chooseMedia: '上传照片',
};

Component({
  // apply-shared: app.wxss's buttons and text classes reach inside the component.
  options: { styleIsolation: 'apply-shared' },
  properties: {
    /** What the page will use it for, in the user's words. */
    purpose: { type: String, value: '' },
  },
  data: { visible: false, reason: '' },
  lifetimes: {
    attached() {
      const self = this as unknown as { unsubscribe?: () => void };
      self.unsubscribe = onPrivacyRequest((r: PrivacyRequest) => {
        this.setData({ visible: r.pending, reason: this.data.purpose || PURPOSE[r.referrer] || '使用相关功能' });
      });
    },
    detached() {
      (this as unknown as { unsubscribe?: () => void }).unsubscribe?.();
    },
  },
  methods: {
    onAgree() {
      agreePrivacy('agree-privacy');
      this.triggerEvent('agree', {});
    },
    onDecline() {
      declinePrivacy();
      this.triggerEvent('decline', {});
    },
    onOpenContract() {
      openPrivacyContract();
    },
  },
});
