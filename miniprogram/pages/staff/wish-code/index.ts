// A recipient's sign-off card (签收码) for someone without a smartphone: the code in big characters
// to copy onto a card or print, saved as an image if staff print from the album. When the
// recipient has no code yet, one is issued here; issuing again makes the old card useless. The
// code lives only in this page's data while it is on screen.
import { pageBase } from '../../../behaviors/page-base';
import { reasonOf, userMessage } from '../../../services/errors';
import { platformErrorKind, renderTextImage, saveImageToAlbum, toast } from '../../../services/platform';
import { issueConfirmCode, printConfirmCode } from '../../../services/wish';
import { codeCard, type CodeCard } from '../../../utils/recipient-view';

type Status = 'loading' | 'error' | 'none' | 'ready';

Component({
  behaviors: [pageBase],
  data: {
    status: 'loading' as Status,
    errorMessage: '',
    recipientId: '',
    card: null as CodeCard | null,
    confirmingReissue: false,
    busy: false,
    actionError: '',
    saveNote: '',
  },
  lifetimes: {
    detached() {
      // Nothing of the code stays behind once the page is closed.
      this.setData({ card: null });
    },
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.setData({ recipientId: query.recipientId ?? '' });
      return this.load();
    },
    async load() {
      this.setData({ status: 'loading', errorMessage: '', actionError: '' });
      try {
        const c = await printConfirmCode(this.data.recipientId);
        this.setData({ status: 'ready', card: codeCard(c) });
      } catch (err) {
        if (reasonOf(err) === 'wish.no_confirm_code') this.setData({ status: 'none', card: null });
        else this.setData({ status: 'error', errorMessage: userMessage(err) });
      }
    },
    onRetry() {
      return this.load();
    },
    /** Issues a new code (any earlier card stops working), then shows it. */
    async onIssueTap() {
      if (this.data.busy) return;
      this.setData({ busy: true, actionError: '' });
      try {
        await issueConfirmCode(this.data.recipientId);
        const c = await printConfirmCode(this.data.recipientId);
        this.setData({ busy: false, confirmingReissue: false, status: 'ready', card: codeCard(c), saveNote: '' });
        toast('已生成新的签收码', 'success');
      } catch (err) {
        this.setData({ busy: false, actionError: userMessage(err) });
      }
    },
    onReissueTap() {
      this.setData({ confirmingReissue: true });
    },
    onKeepTap() {
      this.setData({ confirmingReissue: false });
    },
    async onSaveTap() {
      const card = this.data.card;
      if (!card || this.data.busy) return;
      this.setData({ busy: true, saveNote: '' });
      try {
        await saveImageToAlbum(await renderTextImage(card.imageLines, { lineHeight: 64 }));
        this.setData({ busy: false, saveNote: '已保存到相册，可以打印' });
      } catch (err) {
        const kind = platformErrorKind(err);
        const note = kind === 'cancelled' ? '' : kind === 'denied' || kind === 'privacy' ? '没有相册权限，请在设置中允许保存到相册，或照着屏幕抄写' : '保存失败，请照着屏幕上的签收码抄写';
        this.setData({ busy: false, saveNote: note });
      }
    },
  },
});
