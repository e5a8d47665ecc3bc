// Property-based hostile input for cloud functions: through the dev gateway over HTTP (the
// emulator's runner runs the user bundle) and through the kernel in-process (invoke). A caller's
// mistake is answered with a code from the closed set (DESIGN §3), never `internal`, and nothing
// is polluted. The user function stands for every function: the kernel does the validation.
import fc from 'fast-check';
import { ERROR_CODES } from '../../core';
import { user } from '../../cloudfunctions/user/function';
import { gatewayCase, GatewayCase, headerBytes, hostileEvent, openidHeader } from './gateway-arbitraries';
import { describeInput, emulatorUrl, post } from './support';
import { TEST_ADMIN_OPENID } from '../support/env';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const CODES = new Set<string>(ERROR_CODES);
const NOW = 1_700_000_000_000;

jest.setTimeout(120_000);

interface Failure {
  ok: false;
  error: { code: string; message: string; details?: unknown };
}

/** The envelope property shared by both paths. Returns the error code, or undefined on success. */
function checkEnvelope(res: unknown, where: string): string | undefined {
  const env = res as { ok?: unknown; data?: unknown } | Failure;
  if (!env || typeof env !== 'object') throw new Error(`not an envelope ${where}`);
  if (env.ok === true) return undefined;
  if (env.ok !== false) throw new Error(`ok is neither true nor false ${where}`);
  const { code, message } = (env as Failure).error ?? {};
  if (typeof code !== 'string' || !CODES.has(code)) throw new Error(`code ${String(code)} is outside the closed set ${where}`);
  if (code === 'internal') throw new Error(`internal for a caller's mistake ${where}`);
  if (typeof message !== 'string' || !message) throw new Error(`no message ${where}`);
  if (JSON.stringify(res).length > 10_000) throw new Error(`the answer echoes too much (${JSON.stringify(res).length} chars) ${where}`);
  return code;
}

/** The HTTP status the gateway must use for each code (the mini-program's transport reads both). */
const STATUS: Record<string, number[]> = {
  'invalid-argument': [200, 400, 405],
  unauthenticated: [200, 401],
  'permission-denied': [200, 403],
  'not-found': [200, 404],
  'failed-precondition': [200],
  'already-exists': [200],
  'resource-exhausted': [200, 429],
};

async function callGateway(c: GatewayCase) {
  const headers: Record<string, string> = {};
  if (c.openid !== undefined) headers['x-wx-openid'] = headerBytes(c.openid);
  if (c.contentType) headers['content-type'] = c.contentType;
  return post(`${emulatorUrl()}/functions/${c.fnPath}`, c.body, headers);
}

describe('dev gateway under hostile requests', () => {
  test('every answer is an envelope with a closed-set code, never internal, with the matching status', async () => {
    await fc.assert(
      fc.asyncProperty(gatewayCase, async (c) => {
        const a = await callGateway(c);
        const where = `for ${fc.stringify(c)} → ${a.status} ${a.text.slice(0, 300)}`;
        let json: unknown;
        try {
          json = JSON.parse(a.text);
        } catch {
          throw new Error(`not JSON ${where}`);
        }
        const code = checkEnvelope(json, where);
        if (code === undefined && a.status !== 200) throw new Error(`success with HTTP ${a.status} ${where}`);
        if (code !== undefined && !STATUS[code].includes(a.status)) throw new Error(`HTTP ${a.status} for ${code} ${where}`);
      }),
      {
        numRuns: RUNS,
        // Once broken: a malformed %-escape was an admin SYS_ERR envelope; an odd openid was internal.
        examples: [
          [Object.assign({ fnPath: '%E0%A4%A', body: '{}' }, { [fc.toStringMethod]: () => 'bad escape' })],
          [Object.assign({ fnPath: 'user', openid: 'a b', body: '{"action":"me","input":{}}' }, { [fc.toStringMethod]: () => 'odd openid' })],
          // A requestId whose toString is not a function made the request log's String() throw.
          [Object.assign({ fnPath: 'user', openid: 'abc', body: '{"action":"me","requestId":{"toString":""}}' }, { [fc.toStringMethod]: () => 'toString not callable' })],
        ],
      },
    );
    // And the gateway still serves a normal call.
    const ok = await callGateway({ fnPath: 'user', openid: 'fuzz-after-gateway', contentType: 'application/json', body: '{"action":"me","input":{}}' });
    expect(JSON.parse(ok.text)).toMatchObject({ ok: true, data: { openid: 'fuzz-after-gateway' } });
  });
});

describe('kernel (user function in-process) under hostile events', () => {
  // Some calls as the configured admin, so that setRole gets past its permission check into the
  // handler (targets are random openids: not-found, never a grant to another test's user).
  const wellFormedOpenid = fc.oneof(fc.stringMatching(/^[A-Za-z0-9_-]{28}$/), fc.constant(TEST_ADMIN_OPENID));

  test('random events as a valid caller: closed-set codes, never internal, no prototype pollution', async () => {
    await fc.assert(
      fc.asyncProperty(hostileEvent, wellFormedOpenid, async (event, openid) => {
        const res = await user.invoke(event, { openid, now: () => NOW });
        checkEnvelope(res, `for ${describeInput(event)} as ${openid} → ${describeInput(res)}`);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: RUNS },
    );
  });

  test('odd caller identities are refused as unauthenticated or answered, never internal', async () => {
    await fc.assert(
      fc.asyncProperty(openidHeader, fc.constantFrom({ action: 'me', input: {} }, { action: 'setRole', input: { openid: 'someone', role: 'staff' }, requestId: 'fuzz-rid-0001' }), async (openid, event) => {
        const res = await user.invoke(event, { openid: openid ?? '', now: () => NOW });
        checkEnvelope(res, `as ${describeInput(openid)} → ${describeInput(res)}`);
      }),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  });
});
