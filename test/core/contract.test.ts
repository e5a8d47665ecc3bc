import { z } from 'zod';
import { defineContract, InputOf, MutatesOf, OutputOf, pageInput, PageInput, pageOf, ParsedInputOf, RequestId, userContract } from '../../core';

const demo = defineContract({
  name: 'demo',
  actions: {
    list: { input: z.object({ limit: z.number().default(20) }), output: z.array(z.string()), mutates: false },
    claim: { input: z.object({ wishId: z.string() }), output: z.object({ status: z.literal('claimed') }), mutates: true },
  },
});

// Compile-time checks: tsc -p tsconfig.server.json fails if inference breaks.
const clientInput: InputOf<typeof demo, 'list'> = {}; // default makes it optional for the caller
const handlerInput: ParsedInputOf<typeof demo, 'list'> = { limit: 5 };
// @ts-expect-error the handler always receives the defaulted field
const missingLimit: ParsedInputOf<typeof demo, 'list'> = {};
const out: OutputOf<typeof demo, 'claim'> = { status: 'claimed' };
// @ts-expect-error output literal is checked
const badOut: OutputOf<typeof demo, 'claim'> = { status: 'open' };
const mutates: MutatesOf<typeof demo, 'claim'> = true;
// @ts-expect-error a read action is not mutating
const notMutates: MutatesOf<typeof demo, 'list'> = true;
// @ts-expect-error unknown action names are rejected
type Nope = InputOf<typeof demo, 'nope'>;

describe('defineContract', () => {
  test('keeps the schemas it was given, usable at runtime', () => {
    expect(demo.actions.list.input.parse({})).toEqual({ limit: 20 });
    expect(demo.actions.claim.mutates).toBe(true);
    expect([clientInput, handlerInput, missingLimit, out, badOut, mutates, notMutates]).toHaveLength(7);
    const nope: Nope | undefined = undefined;
    expect(nope).toBeUndefined();
  });

  test('the user contract marks setRole as mutating and me as not', () => {
    expect(userContract.actions.setRole.mutates).toBe(true);
    expect(userContract.actions.me.mutates).toBe(false);
    expect(userContract.actions.setRole.input.safeParse({ openid: 'o1', role: 'staff', communityId: 'c-1' }).success).toBe(true);
    expect(userContract.actions.setRole.input.safeParse({ openid: 'o1', role: 'king' }).success).toBe(false);
  });

  test('requestIds are 8–64 safe characters', () => {
    expect(RequestId.safeParse('abcd1234').success).toBe(true);
    expect(RequestId.safeParse('a_b-C'.repeat(12)).success).toBe(true);
    expect(RequestId.safeParse('short').success).toBe(false);
    expect(RequestId.safeParse('x'.repeat(65)).success).toBe(false);
    expect(RequestId.safeParse('has space1').success).toBe(false);
  });
});

describe('list pages', () => {
  test('PageInput: the first page has no cursor and 20 items; a list adds its filters; bad sizes and cursors are refused', () => {
    expect(PageInput.parse({})).toEqual({ limit: 20 });
    const Listed = PageInput.extend({ communityId: z.string() });
    expect(Listed.parse({ communityId: 'c', after: 'abc_-1', limit: 100 })).toEqual({ communityId: 'c', after: 'abc_-1', limit: 100 });
    for (const bad of [{ limit: 0 }, { limit: 101 }, { limit: 2.5 }, { after: '' }, { after: 'a b' }, { after: 'x'.repeat(1025) }]) {
      expect(PageInput.safeParse(bad).success).toBe(false);
    }
    expect(pageInput(50, 200).parse({})).toEqual({ limit: 50 });
    expect(pageInput(50, 200).safeParse({ limit: 200 }).success).toBe(true);
  });

  test('pageOf: items and a next cursor that is null after the last page', () => {
    const P = pageOf(z.number());
    expect(P.parse({ items: [1, 2], next: null })).toEqual({ items: [1, 2], next: null });
    expect(P.safeParse({ items: [1], next: 'not a cursor!' }).success).toBe(false);
    expect(P.safeParse({ items: [1] }).success).toBe(false);
  });
});
