// DESIGN §2/§3 rules kept checkable: the mini-program imports only its own files (the generated
// miniprogram/core bundle included, never ../core directly, which DevTools would not package), and
// only services/ reaches wx.* (so pages stay testable with services mocked at the boundary).
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './helpers';

function sources(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'miniprogram_npm' && full !== path.join(ROOT, 'core')) sources(full, out);
    } else if (e.name.endsWith('.ts')) out.push(full);
  }
  return out;
}

const withoutComments = (src: string) => src.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');

test('mini-program code imports only files inside miniprogram/', () => {
  const outside: string[] = [];
  for (const file of sources(ROOT)) {
    for (const m of withoutComments(fs.readFileSync(file, 'utf8')).matchAll(/\bfrom\s+'([^']+)'|\brequire\('([^']+)'\)/g)) {
      const spec = m[1] ?? m[2];
      const resolved = spec.startsWith('.') ? path.resolve(path.dirname(file), spec) : spec;
      if (!resolved.startsWith(ROOT + path.sep)) outside.push(`${path.relative(ROOT, file)} → ${spec}`);
    }
  }
  expect(outside).toEqual([]);
});

test('wx.* is used only in services/', () => {
  const offenders = sources(ROOT)
    .filter((f) => !f.startsWith(path.join(ROOT, 'services') + path.sep))
    .filter((f) => /\bwx\.\w/.test(withoutComments(fs.readFileSync(f, 'utf8'))))
    .map((f) => path.relative(ROOT, f));
  expect(offenders).toEqual([]);
});
