// The reason table speaks about reasons the functions really send: each key must occur in the
// server code (cloudfunctions/, server/), so a renamed reason on the server fails here instead of
// silently falling back to the generic message.
import fs from 'node:fs';
import path from 'node:path';
import { REASON_MESSAGES } from '../../../miniprogram/services/reasons';

const REPO = path.resolve(__dirname, '../../..');

function serverSources(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) serverSources(full, out);
    else if (e.name.endsWith('.ts')) out.push(full);
  }
  return out;
}

const corpus = ['cloudfunctions', 'server', 'core'].flatMap((d) => serverSources(path.join(REPO, d))).map((f) => fs.readFileSync(f, 'utf8')).join('\n');

test.each(Object.keys(REASON_MESSAGES))('%s is a reason the server sends', (reason) => {
  expect(corpus.includes(`'${reason}'`) || corpus.includes(`\`${reason}\``)).toBe(true);
});

test('every message is Chinese', () => {
  for (const m of Object.values(REASON_MESSAGES)) expect(m).toMatch(/[\u4e00-\u9fa5]/);
});
