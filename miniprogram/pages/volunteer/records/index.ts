// My service records (办法 §7): each one with its hours and status; a wrong one can be corrected by
// request (the leader or staff decides, 办法 §10).
import { pageBase } from '../../../behaviors/page-base';
import { pagedList } from '../../../behaviors/paged-list';
import { myRecords, requestCorrection } from '../../../services/activity';
import { userMessage } from '../../../services/errors';
import { toast } from '../../../services/platform';
import { listData } from '../../../utils/list';
import { hoursToMinutes, recordRow, type RecordRow } from '../../../utils/volunteer-view';

const PAGE = 20;
const RECORDS = { key: 'rows', fetch: (after?: string) => myRecords({ after, limit: PAGE }), mapRow: recordRow };

Component({
  behaviors: [pageBase, pagedList],
  data: { ...listData<RecordRow>() },
  methods: {
    list() {
      return RECORDS;
    },
    onCorrectTap(e: WechatMiniprogram.TouchEvent) {
      const i = Number(e.currentTarget.dataset.index);
      this.setData({ [`rows[${i}].panel`]: !this.data.rows[i].panel, [`rows[${i}].error`]: '' });
    },
    onFieldInput(e: WechatMiniprogram.Input) {
      const i = Number(e.currentTarget.dataset.index);
      this.setData({ [`rows[${i}].${e.currentTarget.dataset.field}`]: e.detail.value });
    },
    async onSendCorrection(e: WechatMiniprogram.TouchEvent) {
      const i = Number(e.currentTarget.dataset.index);
      const row = this.data.rows[i];
      const mins = hoursToMinutes(row.minutesInput);
      if (mins === null) return this.setData({ [`rows[${i}].error`]: '请填写正确的小时数，例如 1.5' });
      if (row.noteInput.trim().length < 2) return this.setData({ [`rows[${i}].error`]: '请写一下原因，例如“签退时手机没电”' });
      this.setData({ [`rows[${i}].busy`]: true, [`rows[${i}].error`]: '' });
      try {
        await requestCorrection({ recordId: row.recordId, minutes: mins, note: row.noteInput.trim() });
        this.setData({ [`rows[${i}].busy`]: false, [`rows[${i}].panel`]: false, [`rows[${i}].requested`]: true });
        toast('已提交更正申请');
      } catch (err) {
        this.setData({ [`rows[${i}].busy`]: false, [`rows[${i}].error`]: userMessage(err) });
      }
      return undefined;
    },
  },
});
