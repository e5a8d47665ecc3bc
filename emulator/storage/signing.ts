// HMAC signatures of the emulator's storage URLs: the temporary download URL
// (`?sign=<hex>&t=<expiry, epoch seconds>`, the shape of CloudBase's) and the upload authorization
// that storage.getUploadMetadata hands out for the COS-style PUT. Stateless: anything carrying a
// valid, unexpired signature is honoured, which is what a real pre-signed URL does too.
import { createHmac, timingSafeEqual } from 'node:crypto';

export type Purpose = 'get' | 'put';
export type Verdict = 'ok' | 'expired' | 'forged';

const AUTH_SCHEME = 'EMU-HMAC-SHA256';

export class Signer {
  constructor(private readonly secret: Buffer) {}

  sign(purpose: Purpose, cloudPath: string, expiresAt: number): string {
    return createHmac('sha256', this.secret).update(`${purpose}\n${cloudPath}\n${expiresAt}`).digest('hex');
  }

  verify(purpose: Purpose, cloudPath: string, t: string | null, sign: string | null, nowSeconds = Math.floor(Date.now() / 1000)): Verdict {
    if (!t || !sign || !/^\d{1,12}$/.test(t) || !/^[0-9a-f]{64}$/.test(sign)) return 'forged';
    const expected = Buffer.from(this.sign(purpose, cloudPath, Number(t)), 'hex');
    if (!timingSafeEqual(expected, Buffer.from(sign, 'hex'))) return 'forged';
    // Checked after the signature, so a forged URL never learns whether its time was right.
    return Number(t) < nowSeconds ? 'expired' : 'ok';
  }

  /** The `authorization` the SDK echoes on its upload PUT. */
  authorization(cloudPath: string, expiresAt: number): string {
    return `${AUTH_SCHEME} t=${expiresAt}&sign=${this.sign('put', cloudPath, expiresAt)}`;
  }

  verifyAuthorization(cloudPath: string, header: string | undefined): Verdict {
    const m = /^EMU-HMAC-SHA256 t=(\d+)&sign=([0-9a-f]+)$/.exec(header ?? '');
    return m ? this.verify('put', cloudPath, m[1], m[2]) : 'forged';
  }
}
