import { availableRoles, greetingName, isResidentOnly, pickActiveRole, roleChips, roleLabel } from '../../../miniprogram/utils/roles';
import { profileView } from '../../../miniprogram/utils/home-view';

test('role labels are Chinese; an unknown role shows its name rather than nothing', () => {
  expect(roleLabel('volunteer')).toBe('志愿者');
  expect(roleLabel('community-admin')).toBe('社区管理员');
  expect(roleLabel('time-keeper')).toBe('time-keeper');
});

test('chips put the most responsible role first and carry an aria label', () => {
  const chips = roleChips([
    { role: 'resident', communityId: 'c1' },
    { role: 'volunteer', communityId: 'c1' },
    { role: 'staff', communityId: 'c2' },
  ]);
  expect(chips.map((c) => c.label)).toEqual(['社区工作人员', '志愿者', '居民']);
  expect(chips[0].ariaLabel).toBe('身份：社区工作人员');
  expect(new Set(chips.map((c) => c.key)).size).toBe(3);
});

test('resident only: no grant at all, or only resident grants', () => {
  expect(isResidentOnly([])).toBe(true);
  expect(isResidentOnly([{ role: 'resident', communityId: 'c1' }])).toBe(true);
  expect(isResidentOnly([{ role: 'resident', communityId: 'c1' }, { role: 'donor', communityId: 'c1' }])).toBe(false);
});

test('greeting falls back to a kind form of address', () => {
  expect(greetingName({ displayName: '  王阿姨 ' })).toBe('王阿姨');
  expect(greetingName({})).toBe('居民朋友');
  expect(profileView({ openid: 'o', roles: [], createdAt: 0 }, 'resident')).toMatchObject({ greeting: '您好，居民朋友', chips: [], residentOnly: true, activeRoleLabel: '居民' });
});

test('available roles: resident always, each granted role once, most responsible first', () => {
  expect(availableRoles([])).toEqual(['resident']);
  expect(
    availableRoles([
      { role: 'donor', communityId: 'c1' },
      { role: 'volunteer', communityId: 'c1' },
      { role: 'volunteer', communityId: 'c2' },
    ]),
  ).toEqual(['volunteer', 'donor', 'resident']);
});

test('the remembered role wins while still held; otherwise the most responsible one', () => {
  const grants = [
    { role: 'staff' as const, communityId: 'c1' },
    { role: 'donor' as const, communityId: 'c1' },
  ];
  expect(pickActiveRole(grants, 'donor')).toBe('donor');
  expect(pickActiveRole(grants, undefined)).toBe('staff');
  expect(pickActiveRole(grants, 'volunteer')).toBe('staff'); // no longer held
  expect(pickActiveRole([], 'staff')).toBe('resident');
});
