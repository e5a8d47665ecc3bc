// The demo wishes are what the wish function writes and reads: every status is there, ids fit the
// contract, every wish makes a valid card and view, and every wish's recipient exists.
import { toCard, toView, RecipientDoc, WishDoc } from '../../../cloudfunctions/wish/store';
import { RecipientId, WishCard, WishId, wishMachine, WishView } from '../../../core';
import { wishSettings } from '../../../server/wish/config';
import { loadConfig } from '../../../server/config';
import { wishDemoDocuments } from '../../../emulator/seed/demo-wishes';

const now = Date.UTC(2026, 10, 22);
const docs = wishDemoDocuments(now);
const wishes = docs.wishes as unknown as WishDoc[];
const recipients = docs.wish_recipients as unknown as RecipientDoc[];

test('a demo wish in every status', () => {
  expect(new Set(wishes.map((w) => w.status))).toEqual(new Set(wishMachine.states));
});

test('ids, cards and views fit the contract', () => {
  const settings = wishSettings(loadConfig({}));
  for (const r of recipients) expect(RecipientId.safeParse(r._id).success).toBe(true);
  for (const w of wishes) {
    expect(WishId.safeParse(w._id).success).toBe(true);
    const r = recipients.find((x) => x._id === w.recipientId);
    expect(r).toBeDefined();
    expect(WishCard.safeParse(toCard(w, now, 7)).success).toBe(true);
    const view = WishView.safeParse(toView(w, new Set(['staff']), 'demo-staff', now, settings, r!));
    expect(view.success ? 'ok' : view.error.issues).toBe('ok');
  }
});

test('no recipient exceeds the open-wish limit', () => {
  for (const r of recipients) {
    const open = wishes.filter((w) => w.recipientId === r._id && ['submitted', 'verified', 'published', 'claimed', 'delivered'].includes(w.status));
    expect(open.length).toBeLessThanOrEqual(3);
  }
});
