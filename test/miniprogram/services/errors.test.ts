import { AppError, codeForHttpStatus, ERROR_CODES, isAppError, messageForCode, toAppError, userMessage } from '../../../miniprogram/services/errors';

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
