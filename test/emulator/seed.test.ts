// The demo seed writes documents directly (through node-sdk); they must be what the functions read.
import { collections } from '../../database';
import { demoDocuments, DEMO_PEOPLE } from '../../emulator/seed/demo-community';
import { UserDoc } from '../../server/user-store';

const docs = demoDocuments(Date.UTC(2026, 10, 22));

test('every seeded collection is declared in database/', () => {
  const declared = new Set(collections.map((c) => c.name));
  expect(Object.keys(docs).filter((name) => !declared.has(name))).toEqual([]);
});

test('seeded users are valid profiles with the roles the start-up output lists', () => {
  expect(docs.users).toHaveLength(DEMO_PEOPLE.length);
  for (const person of DEMO_PEOPLE) {
    const user = UserDoc.parse(docs.users.find((u) => u._id === person.openid));
    expect(user.roles.map((r) => r.role).sort()).toEqual([...person.roles].sort());
    expect(user.roleCommunityIds).toEqual(['demo-community']);
  }
});

test('seeded ids are unique per collection', () => {
  for (const [name, list] of Object.entries(docs)) {
    const ids = list.map((d) => d._id);
    expect({ name, unique: new Set(ids).size }).toEqual({ name, unique: ids.length });
  }
});
