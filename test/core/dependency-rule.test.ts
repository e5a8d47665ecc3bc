// DESIGN.md §2: core → (zod, dayjs); server → core, wx-server-sdk, node built-ins;
// cloudfunctions/<ctx> → server, core, its own folder. Checked on the source text of every import.
import fs from 'node:fs';
import path from 'node:path';
import { builtinModules } from 'node:module';

const ROOT = path.resolve(__dirname, '../..');
const IMPORT_RE = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"]([^'"]+)['"]/g;

function tsFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return d.name === 'node_modules' ? [] : tsFiles(p);
    return d.name.endsWith('.ts') && !d.name.endsWith('.d.ts') ? [p] : [];
  });
}

export function importsOf(source: string): string[] {
  const withoutComments = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  return [...withoutComments.matchAll(IMPORT_RE)].map((m) => m[1] as string);
}

type Verdict = string | null;

function violations(dir: string, check: (file: string, spec: string, target: string | null) => Verdict): string[] {
  const out: string[] = [];
  for (const file of tsFiles(path.join(ROOT, dir))) {
    for (const spec of importsOf(fs.readFileSync(file, 'utf8'))) {
      const target = spec.startsWith('.') ? path.resolve(path.dirname(file), spec) : null;
      const problem = check(file, spec, target);
      if (problem) out.push(`${path.relative(ROOT, file)}: '${spec}' ${problem}`);
    }
  }
  return out;
}

const inside = (target: string, dir: string) => target === path.join(ROOT, dir) || target.startsWith(path.join(ROOT, dir) + path.sep);
const isBuiltin = (spec: string) => spec.startsWith('node:') || builtinModules.includes(spec);

test('the scanner sees every import form', () => {
  expect(importsOf(`import a from 'x';\nimport type { B } from "y";\nexport * from './z';\nconst c = require('w');\nimport 'side';\n// import q from 'commented'`)).toEqual([
    'x',
    'y',
    './z',
    'w',
    'side',
  ]);
});

test('core imports only zod, dayjs and core', () => {
  expect(
    violations('core', (_f, spec, target) => {
      if (target) return inside(target, 'core') ? null : 'leaves core/';
      return /^(zod|dayjs)(\/|$)/.test(spec) ? null : 'is not zod or dayjs';
    }),
  ).toEqual([]);
});

test('server imports only core, wx-server-sdk (in cloud.ts), zod and node built-ins', () => {
  expect(
    violations('server', (file, spec, target) => {
      if (target) return inside(target, 'server') || inside(target, 'core') ? null : 'leaves server/ and core/';
      if (spec === 'wx-server-sdk') return file.endsWith(`${path.sep}cloud.ts`) ? null : 'only server/cloud.ts may import wx-server-sdk';
      return isBuiltin(spec) || /^zod(\/|$)/.test(spec) ? null : 'is not an allowed package';
    }),
  ).toEqual([]);
});

test('a cloud function imports server, core and its own folder only, never wx-server-sdk directly', () => {
  const fnRoot = path.join(ROOT, 'cloudfunctions');
  expect(
    violations('cloudfunctions', (file, spec, target) => {
      const own = path.relative(fnRoot, file).split(path.sep)[0] as string;
      if (target) return inside(target, 'server') || inside(target, 'core') || inside(target, `cloudfunctions/${own}`) ? null : 'leaves its own folder';
      return /^zod(\/|$)/.test(spec) ? null : 'is a package (reach the platform through server/)';
    }),
  ).toEqual([]);
});
