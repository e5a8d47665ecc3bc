import fs from 'node:fs';
import path from 'node:path';
import * as simulate from 'miniprogram-simulate';

export const ROOT = path.resolve(__dirname, '../../miniprogram');

// ---------------------------------------------------------------------------------------------
// setData probe: every component and page loaded through simulate gets a behavior that measures each
// setData payload (its JSON, as WeChat serialises it across the thread boundary). The largest one
// per test file is written to dist/mp-setdata/, and `npm run size` reports the maximum
// (max_setdata_kb), so a page that re-sends a whole long list shows up there.
export const SETDATA_DIR = path.resolve(__dirname, '../../dist/mp-setdata');
export const setDataProbe = { maxBytes: 0, where: '', keys: [] as string[] };

export function payloadBytes(data: unknown): number {
  return Buffer.byteLength(JSON.stringify(data) ?? '', 'utf8');
}

const g = globalThis as any;
if (!g.__setDataProbeInstalled) {
  g.__setDataProbeInstalled = true;
  const register = g.Component;
  g.Component = (options: Record<string, any>) => {
    const probe = g.Behavior({
      lifetimes: {
        created(this: any) {
          const original = this.setData;
          const where = expect.getState().currentTestName ?? '';
          this.setData = function (data: Record<string, unknown>, cb?: () => void) {
            const bytes = payloadBytes(data);
            if (bytes > setDataProbe.maxBytes) Object.assign(setDataProbe, { maxBytes: bytes, where, keys: Object.keys(data).slice(0, 5) });
            return original.call(this, data, cb);
          };
        },
      },
    });
    return register({ ...options, behaviors: [probe, ...(options.behaviors ?? [])] });
  };
  afterAll(() => {
    if (!setDataProbe.maxBytes) return;
    const file = expect.getState().testPath ?? 'unknown';
    fs.mkdirSync(SETDATA_DIR, { recursive: true });
    const name = path.relative(path.resolve(__dirname, '../..'), file).replace(/[^\w.-]+/g, '_');
    fs.writeFileSync(path.join(SETDATA_DIR, `${name}.json`), JSON.stringify({ test: file, ...setDataProbe }));
  });
}

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

/**
 * Text inside a child component (e.g. the page's <state-view>): j-component's querySelector does
 * not pierce component boundaries, so find the child by tag or selector first.
 */
export function childText(comp: Rendered, child: string, selector: string): string | null {
  const host = comp.querySelector(child);
  if (!host) return null;
  const node = host.querySelector(selector);
  return node ? ((node.dom as HTMLElement).textContent ?? '').trim() : null;
}

export function childNode(comp: Rendered, child: string, selector: string) {
  return comp.querySelector(child)?.querySelector(selector);
}
