import {
  agreePrivacy,
  declinePrivacy,
  installPrivacyHandler,
  onPrivacyRequest,
  privacyNeeded,
  resetPrivacyForTests,
  type PrivacyDecision,
  type PrivacyRequest,
} from '../../../miniprogram/services/privacy';

type Handler = (resolve: (d: PrivacyDecision) => void, info?: { referrer?: string }) => void;
let handler: Handler | undefined;

beforeEach(() => {
  resetPrivacyForTests();
  handler = undefined;
  (wx as any).onNeedPrivacyAuthorization = jest.fn((h: Handler) => {
    handler = h;
  });
  installPrivacyHandler();
});

afterEach(() => {
  delete (wx as any).onNeedPrivacyAuthorization;
  delete (wx as any).getPrivacySetting;
});

test('a protected API waits for the card: the agree button resolves it with the button id', () => {
  const seen: PrivacyRequest[] = [];
  const unsubscribe = onPrivacyRequest((r) => seen.push(r));
  const resolve = jest.fn();
  handler!(resolve, { referrer: 'getLocation' });

  expect(resolve).not.toHaveBeenCalled();
  expect(seen[seen.length - 1]).toEqual({ pending: true, referrer: 'getLocation' });

  agreePrivacy('agree-privacy');
  expect(resolve).toHaveBeenCalledWith({ event: 'agree', buttonId: 'agree-privacy' });
  expect(seen[seen.length - 1]).toEqual({ pending: false, referrer: '' });
  unsubscribe();
});

test('declining answers disagree, so the API call fails instead of hanging', () => {
  const unsubscribe = onPrivacyRequest(() => {});
  const resolve = jest.fn();
  handler!(resolve);
  declinePrivacy();
  expect(resolve).toHaveBeenCalledWith({ event: 'disagree' });
  unsubscribe();
});

test('with no card on screen the request is refused at once', () => {
  const resolve = jest.fn();
  handler!(resolve);
  expect(resolve).toHaveBeenCalledWith({ event: 'disagree' });
});

test('a card that leaves the screen with the question open answers it', () => {
  const unsubscribe = onPrivacyRequest(() => {});
  const resolve = jest.fn();
  handler!(resolve);
  unsubscribe();
  expect(resolve).toHaveBeenCalledWith({ event: 'disagree' });
});

test('a second request while the card is up settles the first one', () => {
  const unsubscribe = onPrivacyRequest(() => {});
  const first = jest.fn();
  const second = jest.fn();
  handler!(first);
  handler!(second);
  expect(first).toHaveBeenCalledWith({ event: 'disagree' });
  agreePrivacy('agree-privacy');
  expect(second).toHaveBeenCalledWith({ event: 'agree', buttonId: 'agree-privacy' });
  unsubscribe();
});

test('privacyNeeded follows wx.getPrivacySetting, and is false where the API does not exist', async () => {
  await expect(privacyNeeded()).resolves.toBe(false);
  (wx as any).getPrivacySetting = ({ success }: any) => success({ needAuthorization: true, privacyContractName: 'x' });
  await expect(privacyNeeded()).resolves.toBe(true);
});
