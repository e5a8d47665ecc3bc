import fs from 'node:fs';
import path from 'node:path';
import { collections } from '../../database';
import { Collections } from '../../server/collections';
import { holidayTable } from '../../server/holidays';
import { ConfigError, loadConfig } from '../../server/config';
import { bootstrapGrants } from '../../server/roles';

describe('server configuration', () => {
  test('defaults: no admins, demo-community, no holidays (domains add their own variables)', () => {
    expect(loadConfig({})).toMatchObject({
      ADMIN_OPENIDS: [],
      BOOTSTRAP_COMMUNITY_ID: 'demo-community',
      TX_MAX_ATTEMPTS: 10,
      IDEMPOTENCY_RETENTION_DAYS: 30,
      PUBLIC_HOLIDAYS: new Set(),
      MAKEUP_WORKDAYS: new Set(),
    });
  });

  test('PUBLIC_HOLIDAYS and MAKEUP_WORKDAYS: comma-separated days; a bad one is named', () => {
    const config = loadConfig({ PUBLIC_HOLIDAYS: '2026-10-01, 2026-10-02', MAKEUP_WORKDAYS: '2026-10-10' });
    expect(holidayTable(config)).toEqual({ holidays: new Set(['2026-10-01', '2026-10-02']), makeupWorkdays: new Set(['2026-10-10']) });
    expect(() => loadConfig({ PUBLIC_HOLIDAYS: '2026-10-01,10/02' })).toThrow(/PUBLIC_HOLIDAYS: .*10\/02/);
  });

  test('IDEMPOTENCY_RETENTION_DAYS: whole days from 1 to 3650, default 30', () => {
    expect(loadConfig({ IDEMPOTENCY_RETENTION_DAYS: '1' }).IDEMPOTENCY_RETENTION_DAYS).toBe(1);
    expect(loadConfig({ IDEMPOTENCY_RETENTION_DAYS: '3650' }).IDEMPOTENCY_RETENTION_DAYS).toBe(3650);
    expect(loadConfig({ IDEMPOTENCY_RETENTION_DAYS: '' }).IDEMPOTENCY_RETENTION_DAYS).toBe(30);
    for (const bad of ['0', '-5', '3651', '1.5', 'forever']) {
      expect(() => loadConfig({ IDEMPOTENCY_RETENTION_DAYS: bad })).toThrow(/IDEMPOTENCY_RETENTION_DAYS/);
    }
  });

  test('ADMIN_OPENIDS is a comma-separated list, spaces and empty items ignored', () => {
    const c = loadConfig({ ADMIN_OPENIDS: ' o-1, o_2 ,,', BOOTSTRAP_COMMUNITY_ID: 'xinhua-street' });
    expect(c.ADMIN_OPENIDS).toEqual(['o-1', 'o_2']);
    expect(bootstrapGrants(c, 'o_2')).toEqual([{ role: 'community-admin', communityId: 'xinhua-street' }]);
    expect(bootstrapGrants(c, 'o-3')).toEqual([]);
  });

  test('a bad value fails with the variable name', () => {
    expect(() => loadConfig({ BOOTSTRAP_COMMUNITY_ID: 'Not Valid!' })).toThrow(ConfigError);
    expect(() => loadConfig({ BOOTSTRAP_COMMUNITY_ID: 'Not Valid!' })).toThrow(/BOOTSTRAP_COMMUNITY_ID/);
    expect(() => loadConfig({ ADMIN_OPENIDS: 'ok,bad id' })).toThrow(/ADMIN_OPENIDS/);
    expect(() => loadConfig({ TX_MAX_ATTEMPTS: 'many' })).toThrow(/TX_MAX_ATTEMPTS/);
  });
});

test('every collection the server names is declared in database/', () => {
  const declared = new Set(collections.map((c) => c.name));
  for (const name of Object.values(Collections)) expect(declared).toContain(name);
});

test('the user function deploys with wx-server-sdk as its only dependency', () => {
  const dir = path.resolve(__dirname, '../../cloudfunctions/user');
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  expect(pkg.dependencies).toEqual({ 'wx-server-sdk': '4.0.2' });
  const config = JSON.parse(fs.readFileSync(path.join(dir, 'config.json'), 'utf8'));
  expect(config.timeout).toBeGreaterThan(0);
  expect(config.permissions).toEqual({ openapi: [] });
});
