// My volunteer card: number, status, stars, hours and time-bank credits, the personal QR a leader
// scans for roll call (renewed before it expires, removed when a renewal fails), and moving to
// another community (request, status, withdraw).
import { codeRefresh } from '../../../behaviors/code-refresh';
import { pageBase } from '../../../behaviors/page-base';
import { fieldErrors, isAppError, userMessage } from '../../../services/errors';
import { navigateTo, toast } from '../../../services/platform';
import { cardCode, requestMove, timeBank, volunteerMe, withdrawMove } from '../../../services/volunteer';
import { minutes } from '../../../utils/format';
import { cardCodeShown, moveShown, type CardCodeShown, type MoveShown } from '../../../utils/volunteer-card';
import { cardView, type CardView } from '../../../utils/volunteer-view';

Component({
  behaviors: [pageBase, codeRefresh],
  data: {
    status: 'loading',
    errorMessage: '',
    card: null as CardView | null,
    credits: '',
    verified: false,
    /** Opened by scanning someone's card with WeChat: say what it is for. */
    scanned: false,
    code: null as CardCodeShown | null,
    codeError: '',
    move: null as MoveShown | null,
    moveId: '',
    moveForm: false,
    toCommunityId: '',
    moveNote: '',
    moveBusy: false,
    moveError: '',
  },
  methods: {
    async onLoad(query: Record<string, string | undefined> = {}) {
      this.setData({ status: 'loading', errorMessage: '', scanned: !!query.scene });
      try {
        const { volunteer, move } = await volunteerMe();
        if (!volunteer) return this.setData({ status: 'empty' });
        const shown = moveShown(move);
        this.setData({ status: 'ready', card: cardView(volunteer), verified: volunteer.status === 'verified', move: shown, moveId: shown?.open && move ? move.moveId : '' });
        if (volunteer.status === 'verified') {
          await this.refreshCode();
          // Credits are a second call; the card stands without them.
          try {
            const bank = await timeBank({ limit: 1 });
            this.setData({ credits: minutes(bank.balanceMinutes) });
          } catch {
            this.setData({ credits: '' });
          }
        }
      } catch (err) {
        this.setData({ status: 'error', errorMessage: userMessage(err) });
      }
      return undefined;
    },

    async refreshCode() {
      this.clearRefresh();
      try {
        const c = await cardCode();
        this.setData({ code: cardCodeShown(c), codeError: '' });
        this.scheduleRefresh(c.refreshAt);
      } catch (err) {
        // An expired code must not stay on the card looking valid.
        this.setData({ code: null, codeError: userMessage(err) });
      }
    },

    onRetry() {
      return this.onLoad();
    },
    onCodeRetry() {
      return this.refreshCode();
    },
    onGo(e: WechatMiniprogram.TouchEvent) {
      return navigateTo(String(e.currentTarget.dataset.url));
    },

    onMoveFormTap() {
      this.setData({ moveForm: !this.data.moveForm, moveError: '' });
    },
    onMoveInput(e: WechatMiniprogram.Input) {
      const field = String(e.currentTarget.dataset.field);
      this.setData({ [field]: field === 'toCommunityId' ? e.detail.value.trim().toLowerCase() : e.detail.value, moveError: '' });
    },
    async onMoveSubmit() {
      if (this.data.moveBusy) return;
      if (!this.data.toCommunityId) return this.setData({ moveError: '请填写要转入的社区编号（可向该社区工作人员询问）' });
      this.setData({ moveBusy: true, moveError: '' });
      try {
        const note = this.data.moveNote.trim();
        const m = await requestMove({ toCommunityId: this.data.toCommunityId, note: note ? note : null });
        this.setData({ moveBusy: false, moveForm: false, move: moveShown(m), moveId: m.moveId });
        toast('已提交转社区申请', 'success');
      } catch (err) {
        const fields = fieldErrors(err);
        const moveError = fields.toCommunityId
          ? '社区编号由小写字母、数字和横线组成，请核对'
          : fields.note
            ? '说明请写 2–200 个字，不要用表情符号'
            : isAppError(err) && err.details?.reason === 'community.not_found'
              ? '没有找到这个社区，请核对社区编号'
              : userMessage(err);
        this.setData({ moveBusy: false, moveError });
      }
      return undefined;
    },
    async onWithdrawTap() {
      if (this.data.moveBusy || !this.data.moveId) return;
      this.setData({ moveBusy: true, moveError: '' });
      try {
        await withdrawMove(this.data.moveId);
        this.setData({ moveBusy: false, move: null, moveId: '' });
        toast('已撤回申请');
      } catch (err) {
        this.setData({ moveBusy: false, moveError: userMessage(err) });
      }
    },
  },
});
