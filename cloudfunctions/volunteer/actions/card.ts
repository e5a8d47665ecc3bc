// The personal QR of the volunteer card: a signed code valid for VOLUNTEER_CARD_TTL_SECONDS,
// shown as a mini-program code. A leader scans it (roster page) for activity.rollCallByCard; scanned
// with WeChat it opens the card page, which says what it is. Only a verified volunteer has one.
import type { CardCodeView } from '../../../core';
import type { Ctx } from '../../../server/context';
import { miniProgramCode } from '../../../server/openapi';
import { signCardCode } from '../../../server/volunteer/card';
import { volunteerSettings } from '../../../server/volunteer/config';
import { requireVerified, volunteerByOpenid } from '../../../server/volunteer/store';

export const CARD_PAGE = 'pages/volunteer/card/index';

export async function cardCode(_input: Record<string, never>, ctx: Ctx): Promise<CardCodeView> {
  const v = requireVerified(await volunteerByOpenid(ctx.db, ctx.openid));
  const ttl = volunteerSettings(ctx.config).cardTtlMs;
  const { code, expiresAt } = signCardCode(ctx.config, v.volunteerNo, ctx.now() + ttl);
  const image = await miniProgramCode({ page: CARD_PAGE, scene: code });
  return {
    code,
    page: CARD_PAGE,
    imageBase64: image.buffer.toString('base64'),
    contentType: image.contentType,
    expiresAt,
    // Renew when a fifth of its life is left, so a scan never meets an expired code.
    refreshAt: expiresAt - Math.floor(ttl / 5),
  };
}
