import path from 'node:path';
import * as simulate from 'miniprogram-simulate';

export const ROOT = path.resolve(__dirname, '../../miniprogram');

/**
 * simulate.load inside jest.isolateModules: simulate re-runs the component file by require() and
 * jest ignores its require.cache delete, so a second load in one file would register nothing.
 * rootPath = miniprogramRoot so "/abs" usingComponents resolve; the official compiler (wcc) is the
 * default, so a broken template fails the test at load time.
 */
export function load(rel: string, tagName = 'main'): string {
  let id = '';
  jest.isolateModules(() => {
    id = simulate.load(path.join(ROOT, rel), tagName, { rootPath: ROOT, compiler: 'official' });
  });
  return id;
}

export type Rendered = ReturnType<typeof simulate.render>;

/** Renders a Component()-page and runs the page lifecycle simulate does not run by itself. */
export function renderPage(id: string, query: Record<string, string> = {}): Rendered {
  const comp = simulate.render(id, query);
  comp.attach(document.createElement('parent-wrapper'));
  const inst = comp.instance as any;
  inst.onLoad?.(query);
  inst.onShow?.();
  inst.onReady?.();
  return comp;
}

export const flush = () => simulate.sleep(0);

export function text(comp: Rendered, selector: string): string | null {
  const node = comp.querySelector(selector);
  return node ? ((node.dom as HTMLElement).textContent ?? '').trim() : null;
}

export function attr(comp: Rendered, selector: string, name: string): string | null {
  const node = comp.querySelector(selector);
  return node ? (node.dom as HTMLElement).getAttribute(name) : null;
}

/** A promise the test settles by hand, to observe the loading state in between. */
export function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
