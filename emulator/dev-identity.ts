// The dev identity of the mini-program's emulator transport: the caller's openid in the header
// x-wx-openid, read the same way by every dev route that acts as someone.
import type { IncomingHttpHeaders } from 'node:http';

// Same rule as core's OpenId (the emulator does not import the product's core). A real OPENID
// always has this shape; anything else would reach a function as an identity its contracts
// cannot represent.
export const OPENID = /^[A-Za-z0-9_-]{1,128}$/;

/** The caller's openid, or why there is none usable (a message that names the header). */
export type DevCaller = { openid: string } | { problem: string };

export function devCaller(headers: IncomingHttpHeaders): DevCaller {
  const openid = header(headers, 'x-wx-openid');
  if (!openid) return { problem: 'the x-wx-openid header (dev identity) is required' };
  if (!OPENID.test(openid)) return { problem: 'the x-wx-openid header must be 1–128 characters of A–Z a–z 0–9 _ -' };
  return { openid };
}

/** A header's first value, trimmed; '' when absent. */
export function header(headers: IncomingHttpHeaders, name: string): string {
  const v = headers[name];
  return ((Array.isArray(v) ? v[0] : v) ?? '').trim();
}
