// Generators of hostile function calls: events for the kernel, and whole HTTP requests for the
// dev gateway (POST /functions/<name>, header x-wx-openid = dev identity).
import fc from 'fast-check';
import { describeInput } from './support';

const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__'];

/** Object keys a hostile client favours: prototype names, Mongo operators, the kernel's own fields. */
const hostileKey = fc.oneof(
  fc.constantFrom(...PROTO_KEYS, '$ne', '$gt', '$where', 'openid', 'userInfo', 'action', 'input', 'requestId', 'role', 'communityId', '_id', ''),
  fc.string({ maxLength: 12 }),
);

const pollutingObject = fc.constantFrom(
  '{"__proto__":{"polluted":"yes"}}',
  '{"constructor":{"prototype":{"polluted":"yes"}}}',
  '{"openid":{"__proto__":{"polluted":"yes"}},"role":"staff"}',
).map((t) => JSON.parse(t) as unknown);

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.dictionary(hostileKey, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 5 }),
  pollutingObject,
  fc.constantFrom(...PROTO_KEYS, 'me', 'setRole', 'x'.repeat(100_000), '', NaN, Infinity, -0, 1e309),
);

const ACTIONS = ['me', 'setRole', 'nope', ...PROTO_KEYS];

const setRoleInput = fc.record(
  {
    openid: fc.oneof(fc.stringMatching(/^[A-Za-z0-9_-]{1,20}$/), hostileValue),
    role: fc.oneof(fc.constantFrom('staff', 'volunteer', 'community-admin', 'emperor'), hostileValue),
    communityId: fc.oneof(fc.constantFrom('demo-community', 'other'), hostileValue),
  },
  { requiredKeys: [] },
);

/** Events shaped like {action, input, requestId} with any part wrong, plus anything at all. */
export const hostileEvent: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record(
      {
        // Mostly real actions, so that most events get past the action check into input parsing.
        action: fc.oneof({ weight: 6, arbitrary: fc.constantFrom('me', 'setRole') }, { weight: 1, arbitrary: fc.constantFrom(...ACTIONS) }, { weight: 1, arbitrary: hostileValue }),
        input: fc.oneof({ weight: 3, arbitrary: setRoleInput }, { weight: 1, arbitrary: hostileValue }),
        requestId: fc.oneof({ weight: 3, arbitrary: fc.stringMatching(/^[A-Za-z0-9_-]{8,64}$/) }, { weight: 1, arbitrary: hostileValue }),
        openid: hostileValue,
        userInfo: hostileValue,
      },
      { requiredKeys: ['action'] },
    ),
  },
  { weight: 1, arbitrary: hostileValue },
  { weight: 1, arbitrary: fc.constantFrom(undefined, null, [], [{ action: 'me' }]) },
);

/** What a dev identity header may look like; `undefined` = header absent. */
export const openidHeader: fc.Arbitrary<string | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.stringMatching(/^[A-Za-z0-9_-]{28}$/),
  fc.constantFrom('', ' ', '\t', 'a b', '../../etc', '$ne', '__proto__', 'x'.repeat(8_000), 'x'.repeat(129), '用户', 'é\u00ff', '\u202e'),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }),
  fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 30 }),
);

export interface GatewayCase {
  fnPath: string;
  openid?: string;
  contentType?: string;
  body: string | Uint8Array;
}

export const gatewayCase: fc.Arbitrary<GatewayCase> = fc
  .record({
    fnPath: fc.oneof(
      { weight: 6, arbitrary: fc.constant('user') },
      { weight: 1, arbitrary: fc.constantFrom('nope', '..%2Fuser', '%E0%A4%A', '%', 'user%00', '__proto__', 'constructor', 'x'.repeat(2_000), '', 'user/extra') },
    ),
    openid: openidHeader,
    contentType: fc.option(fc.constantFrom('application/json', 'text/plain', 'multipart/form-data'), { nil: undefined }),
    body: fc.oneof(
      { weight: 4, arbitrary: hostileEvent.map((e) => JSON.stringify(e) ?? '') },
      { weight: 1, arbitrary: fc.string({ maxLength: 50 }) },
      { weight: 1, arbitrary: fc.uint8Array({ maxLength: 100 }) },
      { weight: 1, arbitrary: fc.constantFrom('', '{', 'null', '[]', '"me"', '{"action":"me"', '\ufeff{}') },
    ),
  })
  .map((c) => Object.assign(c, { [fc.toStringMethod]: () => `/functions/${c.fnPath.slice(0, 40)} openid=${describeInput(c.openid ?? '(none)')} ${describeInput(c.body)}` }));

/**
 * A header value as UTF-8 bytes: HTTP headers are bytes and fetch only takes latin1 strings. Bytes
 * HTTP forbids in a value (controls, CR, LF) cannot be sent by any client, so they are dropped.
 */
export function headerBytes(s: string): string {
  return Buffer.from(s, 'utf8').toString('latin1').replace(/[^\t\x20-\x7e\x80-\xff]/g, '');
}
