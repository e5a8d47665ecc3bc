// Seeds the demo community through the real @cloudbase/node-sdk against the running emulator
// (the same code path as everything else: no writes behind the wire protocol's back).
import tcb from '@cloudbase/node-sdk';
import { sdkEnv } from '../sdk-env';
import { demoDocuments, DEMO_COMMUNITY_ID, DEMO_PEOPLE } from './demo-community';

export async function seedDemoCommunity(adminUrl: string, envName: string, now = Date.now()): Promise<string> {
  // SCF mode: no metadata probe per request (reference pitfall P2), no console noise.
  Object.assign(process.env, sdkEnv(adminUrl, envName));
  const app = tcb.init({ env: envName, secretId: 'local', secretKey: 'local', serviceUrl: adminUrl } as Parameters<typeof tcb.init>[0]);
  const db = app.database();
  const existing = await db.collection('communities').count();
  if ((existing.total ?? 0) > 0) return `seed: skipped, the database already has ${existing.total} communities (use --reset to start over)`;

  const docs = demoDocuments(now);
  const counts: string[] = [];
  for (const [collection, list] of Object.entries(docs)) {
    if (list.length === 0) continue;
    // node-sdk sends an array as one insertDocument request.
    await db.collection(collection).add(list as unknown as Record<string, unknown>);
    counts.push(`${collection} ${list.length}`);
  }
  const width = Math.max(...DEMO_PEOPLE.map((p) => p.openid.length));
  const people = DEMO_PEOPLE.map((p) => `    ${p.openid.padEnd(width)}  ${p.displayName}${p.roles.length ? `（${p.roles.join(', ')}）` : '　'}${p.note}`).join('\n');
  return [
    `seed: demo community "${DEMO_COMMUNITY_ID}" (幸福里社区): ${counts.join(', ')}`,
    '  demo people (set devOpenid in miniprogram/config.ts to act as one of them):',
    people,
  ].join('\n');
}
