import * as simulate from 'miniprogram-simulate';
import type { PrivacyRequest } from '../../../miniprogram/services/privacy';
import { flush, load, text } from '../helpers';

let mockListener: ((r: PrivacyRequest) => void) | undefined;
const mockAgree = jest.fn();
const mockDecline = jest.fn();
const mockUnsubscribe = jest.fn();
const mockOpen = jest.fn();
jest.mock('../../../miniprogram/services/privacy', () => ({
  onPrivacyRequest: (l: (r: PrivacyRequest) => void) => {
    mockListener = l;
    l({ pending: false, referrer: '' });
    return mockUnsubscribe;
  },
  agreePrivacy: (id: string) => mockAgree(id),
  declinePrivacy: () => mockDecline(),
  openPrivacyContract: () => mockOpen(),
}));

const id = load('components/privacy-consent/index', 'privacy-consent');

function render(props: Record<string, unknown> = {}) {
  const comp = simulate.render(id, props);
  comp.attach(document.createElement('parent-wrapper'));
  return comp;
}

beforeEach(() => {
  jest.clearAllMocks();
  mockListener = undefined;
});

test('hidden until WeChat asks; then says why, in the API’s terms', () => {
  const c = render();
  expect(c.querySelector('.consent')).toBeUndefined();
  mockListener!({ pending: true, referrer: 'getLocation' });
  expect(text(c, '.consent-text')).toContain('确认您在活动现场');
});

test('the agree button (open-type agreePrivacyAuthorization) settles the held call and closes', async () => {
  const c = render({ purpose: '签到' });
  const agreed = jest.fn();
  (c as any).addEventListener('agree', agreed);
  mockListener!({ pending: true, referrer: 'getLocation' });
  expect(text(c, '.consent-text')).toContain('为了签到');
  c.querySelector('#agree-privacy')!.dispatchEvent('agreeprivacyauthorization');
  await flush();
  expect(mockAgree).toHaveBeenCalledWith('agree-privacy');
  expect(agreed).toHaveBeenCalled();
  mockListener!({ pending: false, referrer: '' });
  expect(c.querySelector('.consent')).toBeUndefined();
});

test('decline and read-the-agreement buttons reach the service', async () => {
  const c = render();
  mockListener!({ pending: true, referrer: '' });
  c.querySelector('.contract')!.dispatchEvent('tap');
  c.querySelector('.decline')!.dispatchEvent('tap');
  await flush();
  expect(mockOpen).toHaveBeenCalled();
  expect(mockDecline).toHaveBeenCalled();
});

test('leaving the screen unsubscribes', () => {
  const c = render();
  c.detach();
  expect(mockUnsubscribe).toHaveBeenCalled();
});
