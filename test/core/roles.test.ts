import { communitiesWithRole, hasRole, RoleGrant, withGrant } from '../../core';

const grants: RoleGrant[] = [
  { role: 'community-admin', communityId: 'a' },
  { role: 'staff', communityId: 'b' },
];

test('role checks are scoped to a community', () => {
  expect(hasRole(grants, 'community-admin', 'a')).toBe(true);
  expect(hasRole(grants, 'community-admin', 'b')).toBe(false);
  expect(communitiesWithRole(grants, 'staff')).toEqual(['b']);
});

test('withGrant adds once and does not mutate', () => {
  const more = withGrant(grants, { role: 'staff', communityId: 'a' });
  expect(more).toHaveLength(3);
  expect(grants).toHaveLength(2);
  expect(withGrant(more, { role: 'staff', communityId: 'a' })).toHaveLength(3);
});
