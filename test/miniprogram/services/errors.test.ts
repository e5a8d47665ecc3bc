import { AppError, codeForHttpStatus, ERROR_CODES, fieldErrors, isAppError, messageForCode, toAppError, userMessage } from '../../../miniprogram/services/errors';

test('every code has its own kind Chinese message', () => {
  const messages = ERROR_CODES.map(messageForCode);
  expect(new Set(messages).size).toBe(ERROR_CODES.length);
  for (const m of messages) expect(m).toMatch(/[\u4e00-\u9fa5]/);
  expect(messageForCode('permission-denied')).toBe('您没有权限进行此操作');
});

test('anything that is not an AppError shows the internal message, never its raw text', () => {
  expect(userMessage(new TypeError('x is undefined'))).toBe(messageForCode('internal'));
  expect(userMessage('boom')).toBe(messageForCode('internal'));
  expect(toAppError(new Error('boom')).code).toBe('internal');
});

test('an AppError from another copy of the class (e.g. the core bundle) is recognised by shape', () => {
  class OtherAppError extends Error {
    code = 'not-found';
    constructor() {
      super('gone');
      this.name = 'AppError';
    }
  }
  const foreign = new OtherAppError();
  expect(isAppError(foreign)).toBe(true);
  expect(userMessage(foreign)).toBe(messageForCode('not-found'));
  const local = toAppError(foreign);
  expect(local).toBeInstanceOf(AppError);
  expect(local.code).toBe('not-found');
  expect(isAppError(Object.assign(new Error('x'), { name: 'AppError', code: 'teapot' }))).toBe(false);
});

test('gateway HTTP statuses map onto the closed set', () => {
  expect([400, 401, 403, 404, 409, 412, 429, 500, 502, 418].map(codeForHttpStatus)).toEqual([
    'invalid-argument',
    'unauthenticated',
    'permission-denied',
    'not-found',
    'already-exists',
    'failed-precondition',
    'resource-exhausted',
    'internal',
    'internal',
    'internal',
  ]);
});

test('content.rejected shows the server’s own user-facing message; other server messages never show', () => {
  const rejected = new AppError('invalid-argument', '内容含有不适宜的词语，请修改后再提交', { reason: 'content.rejected' });
  expect(userMessage(rejected)).toBe('内容含有不适宜的词语，请修改后再提交');
  const unavailable = new AppError('resource-exhausted', '内容检查暂时不可用，请稍后再试', { reason: 'content.check_unavailable' });
  expect(userMessage(unavailable)).toBe('内容检查暂时不可用，请稍后再试');
  // An English log message under that reason is not shown.
  expect(userMessage(new AppError('invalid-argument', 'rejected by msgSecCheck', { reason: 'content.rejected' }))).toBe(messageForCode('invalid-argument'));
  expect(userMessage(new AppError('not-found', 'wish w1 not found in collection wishes'))).toBe(messageForCode('not-found'));
});

test('a known domain reason gets its precise message; a machine refusal reads as a stale screen', () => {
  expect(userMessage(new AppError('failed-precondition', 'x', { reason: 'checkin.outside_fence' }))).toBe('您不在活动地点附近，请到现场后再扫码');
  expect(userMessage(new AppError('failed-precondition', 'x', { reason: 'wish.cannot_claim' }))).toBe(messageForCode('failed-precondition'));
  expect(userMessage(new AppError('failed-precondition', 'x', { reason: 'nobody.knows' }))).toBe(messageForCode('failed-precondition'));
});

test('fieldErrors: one message per field from server (input.…) and client issues', () => {
  const e = new AppError('invalid-argument', 'x', {
    reason: 'content.rejected',
    issues: [
      { path: ['input', 'story'], code: 'content_rejected', message: '内容含有不适宜的词语，请修改后再提交' },
      { path: ['phone'], code: 'invalid_format', message: 'bad phone' },
      { path: ['phone'], code: 'too_small', message: 'second' },
    ],
  });
  expect(fieldErrors(e)).toEqual({ story: '内容含有不适宜的词语，请修改后再提交', phone: '这一项填写有误，请检查' });
  expect(fieldErrors(new AppError('not-found', 'x'))).toEqual({});
});
