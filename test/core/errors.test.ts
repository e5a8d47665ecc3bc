import { AppError, ERROR_CODES, isErrorCode } from '../../core';

describe('AppError', () => {
  test('carries code, message and details into the envelope body', () => {
    const e = new AppError('not-found', 'no such wish', { reason: 'wish.not_found' });
    expect(e).toBeInstanceOf(Error);
    expect(e.toBody()).toEqual({ code: 'not-found', message: 'no such wish', details: { reason: 'wish.not_found' } });
    expect(new AppError('internal', 'x').toBody()).toEqual({ code: 'internal', message: 'x' });
  });

  test('round-trips through a body; an unknown code from the wire becomes internal', () => {
    const back = AppError.fromBody({ code: 'already-exists', message: 'dup', details: { reason: 'r' } });
    expect(back).toMatchObject({ code: 'already-exists', message: 'dup', details: { reason: 'r' } });
    expect(AppError.fromBody({ code: 'teapot' as never, message: 'm' }).code).toBe('internal');
  });

  test('the code set is closed', () => {
    expect(ERROR_CODES).toHaveLength(8);
    expect(isErrorCode('permission-denied')).toBe(true);
    expect(isErrorCode('PERMISSION_DENIED')).toBe(false);
    expect(isErrorCode(undefined)).toBe(false);
  });
});
