// Subscribe messages (issue 6 item 8): WeChat takes at most 3 templates per prompt; unset ids are
// skipped; a refusal or a failure never blocks the action that follows (the promise resolves).
import { requestSubscribe } from '../../../miniprogram/services/platform';

afterEach(() => {
  delete (wx as any).requestSubscribeMessage;
});

test('at most 3 templates per prompt, empty ids left out; only the accepted ones are answered', async () => {
  const fn = jest.fn((opts: { tmplIds: string[] }) => Promise.resolve(Object.fromEntries([...opts.tmplIds.map((id) => [id, id === 'T2' ? 'reject' : 'accept']), ['errMsg', 'requestSubscribeMessage:ok']])));
  (wx as any).requestSubscribeMessage = fn;
  expect(await requestSubscribe(['T1', '', 'T2', 'T3', 'T4'])).toEqual(['T1', 'T3']);
  expect(fn).toHaveBeenCalledTimes(1);
  expect(fn.mock.calls[0][0].tmplIds).toEqual(['T1', 'T2', 'T3']);
});

test('no configured template: no prompt at all', async () => {
  const fn = jest.fn();
  (wx as any).requestSubscribeMessage = fn;
  expect(await requestSubscribe(['', ''])).toEqual([]);
  expect(fn).not.toHaveBeenCalled();
});

test('a failed or unsupported prompt resolves to nothing instead of throwing', async () => {
  (wx as any).requestSubscribeMessage = jest.fn(() => Promise.reject({ errMsg: 'requestSubscribeMessage:fail can only be invoked by user TAP gesture.' }));
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  expect(await requestSubscribe(['T1'])).toEqual([]);
  warn.mockRestore();
  delete (wx as any).requestSubscribeMessage;
  expect(await requestSubscribe(['T1'])).toEqual([]);
});
