import * as simulate from 'miniprogram-simulate';
import { flush, load, text } from '../helpers';

const id = load('components/state-view/index', 'state-view');

function render(props: Record<string, unknown>) {
  const comp = simulate.render(id, props);
  comp.attach(document.createElement('parent-wrapper'));
  return comp;
}

test('loading: a status sentence and no retry button', () => {
  const c = render({ status: 'loading' });
  expect(text(c, '.loading')).toBe('正在加载，请稍候…');
  expect(c.querySelector('.retry')).toBeUndefined();
});

test('error: the message and a retry button that fires "retry"', async () => {
  const c = render({ status: 'error', message: '网络不太好，请检查网络后重试' });
  const onRetry = jest.fn();
  (c as any).addEventListener('retry', onRetry);
  expect(text(c, '.error-message')).toBe('网络不太好，请检查网络后重试');
  c.querySelector('.retry')!.dispatchEvent('tap');
  await flush();
  expect(onRetry).toHaveBeenCalledTimes(1);
});

test('empty: the given text, or the default', () => {
  expect(text(render({ status: 'empty', emptyText: '还没有心愿' }), '.empty-text')).toBe('还没有心愿');
  expect(text(render({ status: 'empty' }), '.empty-text')).toBe('这里还没有内容');
});

test('ready: renders nothing of its own', () => {
  const c = render({ status: 'ready' });
  expect(c.querySelector('.state')).toBeUndefined();
});
