// The scene MAC check with its per-instance memo (server/activity/qr-mac.ts): remembering the
// expected MAC of a (secret, activity, slot) never changes an answer, whatever came before.
import fc from 'fast-check';
import { macMatches, newQrSecret, sceneMac } from '../../../server/activity/qr-mac';

const slotArb = fc.oneof(fc.integer({ min: 0, max: 50_000_000 }), fc.constant('p' as const));

test('the right MAC matches, any other does not, on the first and on every later check', () => {
  fc.assert(
    fc.property(fc.stringMatching(/^a[a-z0-9]{3,13}$/), slotArb, fc.string({ minLength: 10, maxLength: 10 }), (activityId, slot, other) => {
      const secret = newQrSecret();
      const mac = sceneMac(secret, activityId, slot);
      for (let i = 0; i < 3; i++) {
        expect(macMatches(secret, activityId, slot, mac)).toBe(true);
        expect(macMatches(secret, activityId, slot, other)).toBe(other === mac);
        // Another secret (a re-created activity), another slot or another activity: not this MAC.
        expect(macMatches(newQrSecret(), activityId, slot, mac)).toBe(false);
        expect(macMatches(secret, `${activityId}x`, slot, mac)).toBe(false);
        if (slot !== 'p') expect(macMatches(secret, activityId, slot + 1, mac)).toBe(false);
      }
    }),
    { numRuns: Number(process.env.FUZZ_RUNS ?? 200) },
  );
});

test('past the memo size everything still answers correctly', () => {
  const secret = newQrSecret();
  const macs = Array.from({ length: 3000 }, (_, slot) => sceneMac(secret, 'abench', slot));
  macs.forEach((mac, slot) => expect(macMatches(secret, 'abench', slot, mac)).toBe(true));
  macs.forEach((_mac, slot) => expect(macMatches(secret, 'abench', slot, macs[(slot + 1) % macs.length]!)).toBe(false));
});
