// server/openapi.ts through a kernel function's invoke(): the real wx-server-sdk against the
// emulator from globalSetup (default word list: emulator/openapi/sec-check-words.ts). The outbox is
// shared with other test files running at the same time, so entries are found by unique openids.
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { CONTENT_REJECTED_MESSAGE, dataValue, pieces } from '../../server/openapi';
import { db, ensureCollection, uniq } from './fixtures/db';
import { logLines, NOTES, openapiFn } from './fixtures/openapi-function';

const NOW = 1_700_000_000_000; // 2023-11-15 06:13:20 China time
const RISKY_WORD = '违禁词'; // in the emulator's default list

interface OutboxEntry {
  api: string;
  params: Record<string, unknown>;
  result: Record<string, unknown>;
}

async function outbox(api: string, match: (params: Record<string, unknown>) => boolean): Promise<OutboxEntry[]> {
  const res = await fetch(`${process.env.EMULATOR_URL}/dev/outbox`);
  expect(res.status).toBe(200);
  const body = (await res.json()) as { data: OutboxEntry[] };
  return body.data.filter((e) => e.api === api && match(e.params));
}

const secChecksBy = (openid: string) => outbox('security.msgSecCheck', (p) => p.openid === openid);
const messagesTo = (openid: string) => outbox('subscribeMessage.send', (p) => p.touser === openid);

async function note(id: string): Promise<Record<string, unknown> | null> {
  return ((await db().collection(NOTES).doc(id).get()).data as Record<string, unknown> | null) ?? null;
}

function readQr(base64: string): { text: string; width: number } {
  const png = PNG.sync.read(Buffer.from(base64, 'base64'));
  const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  if (!code) throw new Error('no QR code found in the PNG');
  return { text: code.data, width: png.width };
}

beforeAll(() => ensureCollection(NOTES));

describe('checkText (security.msgSecCheck v2)', () => {
  test('clean text passes, checked as the caller with the scene asked for', async () => {
    const me = uniq('sec-clean');
    const res = await openapiFn.invoke({ action: 'check', input: { text: '周六上午社区义诊，欢迎参加', scene: 'forum' } }, { openid: me });
    expect(res).toEqual({ ok: true, data: { checked: true } });
    const checks = await secChecksBy(me);
    expect(checks).toHaveLength(1);
    expect(checks[0].params).toMatchObject({ content: '周六上午社区义诊，欢迎参加', version: 2, scene: 3, openid: me });
    expect(checks[0].result).toMatchObject({ result: { suggest: 'pass' } });
  });

  test('text with a listed word is invalid-argument content.rejected, with a message the user can read', async () => {
    const me = uniq('sec-risky');
    const res = await openapiFn.invoke({ action: 'check', input: { text: `这里有${RISKY_WORD}哦`, field: 'body' } }, { openid: me });
    expect(res).toEqual({
      ok: false,
      error: {
        code: 'invalid-argument',
        message: CONTENT_REJECTED_MESSAGE,
        details: { reason: 'content.rejected', issues: [{ path: ['input', 'body'], code: 'content_rejected', message: CONTENT_REJECTED_MESSAGE }] },
      },
    });
    expect(JSON.stringify(res)).not.toContain(RISKY_WORD); // the list cannot be probed through the answer
    expect(await secChecksBy(me)).toHaveLength(1);
  });

  test('rejected text aborts the state change: nothing is written', async () => {
    const me = uniq('sec-publish');
    const bad = uniq('note');
    const res = await openapiFn.invoke({ action: 'publish', input: { noteId: bad, title: `出售${RISKY_WORD}` }, requestId: uniq('rid') }, { openid: me });
    expect(res).toMatchObject({ ok: false, error: { code: 'invalid-argument', details: { reason: 'content.rejected', issues: [{ path: ['input', 'title'] }] } } });
    expect(await note(bad)).toBeNull();

    const good = uniq('note');
    const ok = await openapiFn.invoke({ action: 'publish', input: { noteId: good, title: '旧衣物捐赠' }, requestId: uniq('rid') }, { openid: me });
    expect(ok).toEqual({ ok: true, data: { noteId: good } });
    expect(await note(good)).toMatchObject({ title: '旧衣物捐赠', by: me });
  });

  test('empty or blank text passes without asking WeChat', async () => {
    const me = uniq('sec-empty');
    for (const text of ['', '   \n\t ']) {
      expect(await openapiFn.invoke({ action: 'check', input: { text } }, { openid: me })).toEqual({ ok: true, data: { checked: true } });
    }
    expect(await secChecksBy(me)).toHaveLength(0);
  });

  test('text over 2500 characters is checked in overlapping pieces: a word across a boundary is still found', async () => {
    const me = uniq('sec-long');
    const clean = '好'.repeat(6000);
    expect(await openapiFn.invoke({ action: 'check', input: { text: clean } }, { openid: me })).toEqual({ ok: true, data: { checked: true } });
    const checks = await secChecksBy(me);
    expect(checks).toHaveLength(3);
    checks.forEach((c) => expect((c.params.content as string).length).toBeLessThanOrEqual(2500));

    const straddling = 'a'.repeat(2498) + RISKY_WORD + 'b'.repeat(100); // the word spans units 2498–2500
    const res = await openapiFn.invoke({ action: 'check', input: { text: straddling } }, { openid: uniq('sec-long') });
    expect(res).toMatchObject({ ok: false, error: { code: 'invalid-argument', details: { reason: 'content.rejected' } } });
  });
});

describe('sendSubscribeMessage (subscribeMessage.send)', () => {
  const invokeNotify = (openid: string, input: Record<string, unknown>) =>
    openapiFn.invoke({ action: 'notify', input: { noteId: uniq('note'), ...input }, requestId: uniq('rid') }, { openid, now: () => NOW });

  test('is recorded in the outbox with over-long fields shortened and instants in China time', async () => {
    const me = uniq('msg-ok');
    const longThing = '社区邻里互助微心愿：为独居老人更换厨房灯泡并检查燃气';
    const longId = 'WISH-' + 'X'.repeat(40);
    const res = await invokeNotify(me, {
      templateId: 'tpl-wish-claimed',
      page: 'pages/resident/wish-detail/index?id=w1',
      data: { thing1: longThing, time2: NOW, phrase3: '已认领', character_string4: longId, thing5: '第一行\n第二行' },
    });
    expect(res).toMatchObject({ ok: true, data: { message: { sent: true } } });
    const sent = await messagesTo(me);
    expect(sent).toHaveLength(1);
    expect(sent[0].params).toMatchObject({ template_id: 'tpl-wish-claimed', page: 'pages/resident/wish-detail/index?id=w1' });
    const data = sent[0].params.data as Record<string, { value: string }>;
    expect(data.thing1.value).toBe(Array.from(longThing).slice(0, 19).join('') + '…');
    expect(Array.from(data.thing1.value)).toHaveLength(20);
    expect(data.time2.value).toBe('2023年11月15日 06:13');
    expect(data.phrase3.value).toBe('已认领');
    expect(data.character_string4.value).toBe(longId.slice(0, 29) + '...');
    expect(data.character_string4.value).toHaveLength(32);
    expect(data.thing5.value).toBe('第一行 第二行');
  });

  test('a message that breaks WeChat rules is not sent, is logged, and the business action still succeeds', async () => {
    const me = uniq('msg-bad');
    logLines.length = 0;
    const res = await invokeNotify(me, { templateId: 'tpl-1', data: { phrase1: 'done', thing2: '' } });
    expect(res).toMatchObject({ ok: true, data: { message: { sent: false, reason: 'invalid_message' } } });
    if (!res.ok) return;
    expect(await note((res.data as { noteId: string }).noteId)).toMatchObject({ title: 'notified', by: me });
    expect(await messagesTo(me)).toHaveLength(0);
    const logged = logLines.find((l) => l.level === 'error' && l.line.message === 'subscribe message not sent: it breaks WeChat rules');
    expect(logged?.line.problems).toEqual(['data.phrase1: phrase takes 1–5 Chinese characters only', 'data.thing2: empty']);
  });

  test("WeChat's refusal (here: no template id, errcode 40037) comes back as sent:false, the action still succeeds", async () => {
    const me = uniq('msg-refused');
    const res = await invokeNotify(me, { templateId: '', data: { thing1: '活动提醒' } });
    expect(res).toMatchObject({ ok: true, data: { message: { sent: false, reason: 'invalid_message', errCode: 40037 } } });
    if (!res.ok) return;
    expect(await note((res.data as { noteId: string }).noteId)).toMatchObject({ title: 'notified' });
  });
});

describe('miniProgramCode (wxacode.getUnlimited)', () => {
  const qr = (input: Record<string, unknown>) => openapiFn.invoke({ action: 'qr', input }, { openid: 'qr-maker' });

  test('answers an image whose code opens the page with the scene', async () => {
    const scene = 'a=act_42&t=Z9';
    const res = await qr({ page: 'pages/volunteer/checkin/index', scene, width: 320 });
    expect(res).toMatchObject({ ok: true, data: { contentType: 'image/png' } });
    if (!res.ok) return;
    const decoded = readQr((res.data as { base64: string }).base64);
    expect(decoded.text).toBe(`pages/volunteer/checkin/index?scene=${encodeURIComponent(scene)}`);
    expect(decoded.width).toBe(320);
  });

  test.each([
    ['too long', 'x'.repeat(33)],
    ['empty', ''],
    ['Chinese', '活动1'],
    ['percent-encoded', 'a%3D1'],
    ['with a space', 'a b'],
  ])('a %s scene is invalid-argument wxacode.invalid_scene', async (_name, scene) => {
    expect(await qr({ page: 'pages/a/index', scene })).toMatchObject({ ok: false, error: { code: 'invalid-argument', details: { reason: 'wxacode.invalid_scene' } } });
  });

  test('the longest scene WeChat allows, with every allowed symbol, round-trips', async () => {
    const scene = "!#$&'()*+,/:;=?@-._~09AZaz".padEnd(32, 'q');
    const res = await qr({ page: 'pages/a/index', scene });
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(readQr((res.data as { base64: string }).base64).text).toBe(`pages/a/index?scene=${encodeURIComponent(scene)}`);
  });

  test.each([
    ['a leading slash', '/pages/a/index'],
    ['a query', 'pages/a/index?id=1'],
    ['a parent segment', 'pages/../admin/index'],
    ['an empty segment', 'pages//index'],
    ['nothing', ''],
  ])('a page with %s is invalid-argument wxacode.invalid_page', async (_name, page) => {
    expect(await qr({ page, scene: 's1' })).toMatchObject({ ok: false, error: { code: 'invalid-argument', details: { reason: 'wxacode.invalid_page' } } });
  });

  test('a width outside 280–1280 is invalid-argument', async () => {
    expect(await qr({ page: 'pages/a/index', scene: 's1', width: 100 })).toMatchObject({ ok: false, error: { details: { reason: 'wxacode.invalid_width' } } });
  });
});

describe('pure rules', () => {
  test('pieces never split a surrogate pair and overlap', () => {
    const text = '😀'.repeat(3000); // 6000 UTF-16 units
    const parts = pieces(text);
    parts.forEach((p) => {
      expect(p.length).toBeLessThanOrEqual(2500);
      expect(Array.from(p).every((c) => c === '😀')).toBe(true);
    });
    expect(parts.join('').length).toBeGreaterThan(text.length);
    expect(pieces('short')).toEqual(['short']);
  });

  test('template values by type', () => {
    expect(dataValue('thing1', '😀'.repeat(25))).toBe('😀'.repeat(19) + '…');
    expect(dataValue('thing1', 'x'.repeat(20))).toBe('x'.repeat(20));
    expect(dataValue('number2', 12.5)).toBe('12.5');
    expect(dataValue('number2', 'twelve')).toHaveProperty('problem');
    expect(dataValue('date3', NOW)).toBe('2023年11月15日');
    expect(dataValue('name4', '欧阳娜娜娜娜娜娜娜娜娜娜')).toBe('欧阳娜娜娜娜娜娜娜娜');
    expect(dataValue('amount5', '¥12.50')).toBe('¥12.50');
    expect(dataValue('character_string6', '订单1')).toHaveProperty('problem');
    expect(dataValue('nokey', 'x')).toHaveProperty('problem');
  });
});
