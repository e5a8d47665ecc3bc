// wxacode.getUnlimited: answers a real, scannable QR code PNG (WeChat draws a round "mini-program
// code"; a QR is what a test or a phone camera can read locally).
//
// Payload (what the QR encodes): `<page>?scene=<encodeURIComponent(scene)>`, e.g.
// `pages/checkin/index?scene=a%3D1%26b%3D2`; without a page it starts at `?` (the app's home
// page, as WeChat opens it). That is the same pair the mini-program receives on launch
// (path + options.scene, URI-encoded), so a page can decode it as in production.
import QRCode from 'qrcode';
import { type ApiHandler, wxError } from './api-types';

// WeChat: at most 32 visible characters from digits, letters and !#$&'()*+,/:;=?@-._~
const SCENE = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/;
const MIN_WIDTH = 280;
const MAX_WIDTH = 1280;
const DEFAULT_WIDTH = 430;

export function wxacodePayload(page: string, scene: string): string {
  return `${page}?scene=${encodeURIComponent(scene)}`;
}

export const getUnlimited: ApiHandler = async ({ params }) => {
  const scene = typeof params.scene === 'number' ? String(params.scene) : params.scene;
  if (typeof scene !== 'string' || !SCENE.test(scene)) {
    return wxError(40169, 'invalid length for scene, or the data is not json string (scene: 1-32 visible characters)');
  }
  const page = params.page === undefined ? '' : params.page;
  if (typeof page !== 'string' || page.startsWith('/') || /\s/.test(page)) {
    return wxError(41030, 'invalid page hint: page must be a path like pages/x/index, without a leading /');
  }
  const envVersion = params.env_version ?? 'release';
  if (!['release', 'trial', 'develop'].includes(String(envVersion))) return wxError(40097, 'invalid args: env_version');
  // WeChat clamps the width to 280–1280 px instead of failing.
  const asked = typeof params.width === 'number' ? params.width : DEFAULT_WIDTH;
  const width = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, Math.round(asked)));
  const line = params.line_color as { r?: unknown; g?: unknown; b?: unknown } | undefined;
  const dark = line && params.auto_color !== true ? rgbHex(line) : '#000000ff';
  const light = params.is_hyaline === true ? '#00000000' : '#ffffffff';
  const png = await QRCode.toBuffer(wxacodePayload(page, scene), {
    type: 'png',
    width,
    margin: 2,
    errorCorrectionLevel: 'M',
    color: { dark, light },
  });
  return { binary: png, contentType: 'image/png' };
};

function rgbHex(c: { r?: unknown; g?: unknown; b?: unknown }): string {
  const part = (v: unknown) => Math.min(255, Math.max(0, Number(v) || 0)).toString(16).padStart(2, '0');
  return `#${part(c.r)}${part(c.g)}${part(c.b)}ff`;
}
