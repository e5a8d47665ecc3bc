// Service certificates (办法 §14–15): request one for the whole service so far, see each with its
// number and check code (anyone can verify with both), and keep it as an image in the album.
import { pageBase } from '../../../behaviors/page-base';
import { userMessage } from '../../../services/errors';
import { platformErrorKind, renderTextImage, saveImageToAlbum, toast } from '../../../services/platform';
import { listCertificates, requestCertificate } from '../../../services/volunteer';
import { certificateRow, type CertificateRow } from '../../../utils/volunteer-view';

Component({
  behaviors: [pageBase],
  data: { status: 'loading', errorMessage: '', rows: [] as CertificateRow[], busy: false, actionError: '', saving: -1 },
  methods: {
    async onLoad() {
      this.setData({ status: 'loading', errorMessage: '' });
      try {
        const { items } = await listCertificates();
        const rows = items.map(certificateRow);
        this.setData({ rows, status: rows.length ? 'ready' : 'empty' });
      } catch (err) {
        this.setData({ status: 'error', errorMessage: userMessage(err) });
      }
    },
    onRetry() {
      return this.onLoad();
    },
    async onRequestTap() {
      if (this.data.busy) return;
      this.setData({ busy: true, actionError: '' });
      try {
        // The answer is a receipt (number and check code); the full statement comes with the list.
        const receipt = await requestCertificate({});
        const { items } = await listCertificates();
        this.setData({ busy: false, rows: items.map(certificateRow), status: items.length ? 'ready' : 'empty' });
        toast(`证明已开具，验证码 ${receipt.checkCode}`, 'success');
      } catch (err) {
        this.setData({ busy: false, actionError: userMessage(err) });
      }
    },
    async onSaveTap(e: WechatMiniprogram.TouchEvent) {
      const i = Number(e.currentTarget.dataset.index);
      this.setData({ saving: i, actionError: '' });
      try {
        const file = await renderTextImage(this.data.rows[i].lines);
        await saveImageToAlbum(file);
        toast('已保存到相册', 'success');
      } catch (err) {
        const kind = platformErrorKind(err);
        const msg =
          kind === 'cancelled' ? '' : kind === 'denied' || kind === 'privacy' ? '没有相册权限，请在设置中允许保存到相册后再试' : '保存失败，可以截屏保存证明编号和验证码';
        this.setData({ actionError: msg });
      }
      this.setData({ saving: -1 });
    },
  },
});
