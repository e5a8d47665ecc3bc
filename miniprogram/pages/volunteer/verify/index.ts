// Verify a service certificate (办法 §15): anyone — a school, an employer — types the certificate
// number and check code printed on it and sees what it states, or that it is not genuine.
import { pageBase } from '../../../behaviors/page-base';
import { userMessage } from '../../../services/errors';
import { verifyCertificate } from '../../../services/volunteer';
import { day } from '../../../utils/format';

interface Statement {
  name: string;
  lines: string[];
}

Component({
  behaviors: [pageBase],
  data: {
    certificateNo: '',
    checkCode: '',
    busy: false,
    result: '' as '' | 'valid' | 'invalid' | 'revoked',
    revokedOn: '',
    statement: null as Statement | null,
    error: '',
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      // A printed certificate's QR may carry both (…?no=…&code=…).
      if (query.no || query.code) this.setData({ certificateNo: query.no ?? '', checkCode: query.code ?? '' });
    },
    onInput(e: WechatMiniprogram.Input) {
      const field = String(e.currentTarget.dataset.field);
      this.setData({ [field]: e.detail.value.trim().toUpperCase(), error: '', result: '' });
    },
    async onVerifyTap() {
      if (this.data.busy) return;
      const no = this.data.certificateNo;
      const code = this.data.checkCode;
      if (!/^ZYZM-\d{8}-[A-Z0-9]{6}$/.test(no)) return this.setData({ error: '证明编号的格式是 ZYZM-20261202-7KQ2M9' });
      if (!/^[A-HJ-NP-Z2-9]{8}$/.test(code)) return this.setData({ error: '验证码是证明上的8位字母和数字' });
      this.setData({ busy: true, error: '', result: '' });
      try {
        const r = await verifyCertificate({ certificateNo: no, checkCode: code });
        // A revoked certificate answers only since when: what it stated is no longer vouched for.
        if (!r.valid) return this.setData({ busy: false, result: r.revokedOn ? 'revoked' : 'invalid', revokedOn: r.revokedOn ? day(r.revokedOn) : '', statement: null });
        const c = r.certificate;
        this.setData({
          busy: false,
          result: 'valid',
          statement: {
            name: c.name,
            lines: [
              `志愿者编号：${c.volunteerNo}`,
              `服务期间：${c.periodFrom ? day(c.periodFrom) : '注册以来'}至${day(c.periodTo)}`,
              `累计服务：${c.hours}小时，共${c.records}次`,
              `记录单位：${c.recordingOrganization}`,
              `开具日期：${day(c.issuedOn)}`,
            ],
          },
        });
      } catch (err) {
        this.setData({ busy: false, error: userMessage(err) });
      }
      return undefined;
    },
  },
});
