import fc from 'fast-check';
import { AppError, defineMachine, EventOf, MachineDefinitionError, snakeCase, StateOf } from '../../core';

// A cut of the wish lifecycle (PRODUCT.md), enough to exercise every table feature.
const wish = defineMachine({
  name: 'wish',
  states: ['draft', 'submitted', 'rejected', 'published', 'claimed', 'delivered', 'confirmed', 'expired'],
  transitions: {
    submit: { from: ['draft'], to: 'submitted' },
    reject: { from: ['submitted'], to: 'rejected' },
    publish: { from: ['submitted'], to: 'published' },
    claim: { from: ['published'], to: 'claimed' },
    releaseClaim: { from: ['claimed'], to: 'published' },
    deliver: { from: ['claimed'], to: 'delivered' },
    confirm: { from: ['delivered'], to: 'confirmed' },
    expire: { from: ['published', 'submitted'], to: 'expired' },
    edit: { from: ['draft'], to: 'draft' },
  },
});

type WishStatus = StateOf<typeof wish>;
type WishEvent = EventOf<typeof wish>;

describe('a defined machine', () => {
  test('follows its table', () => {
    expect(wish.next('published', 'claim')).toBe('claimed');
    expect(wish.next('claimed', 'releaseClaim')).toBe('published');
    expect(wish.next('draft', 'edit')).toBe('draft');
    expect(wish.can('published', 'claim')).toBe(true);
    expect(wish.can('claimed', 'claim')).toBe(false);
    expect(wish.eventsFrom('published')).toEqual(['claim', 'expire']);
    expect(wish.eventsFrom('submitted')).toEqual(['reject', 'publish', 'expire']);
    expect(wish.eventsFrom('confirmed')).toEqual([]);
    expect(wish.terminal).toEqual(['rejected', 'confirmed', 'expired']);
    expect(wish.isTerminal('expired')).toBe(true);
    expect(wish.isTerminal('claimed')).toBe(false);
    expect(wish.isState('claimed')).toBe(true);
    expect(wish.isState('claimd')).toBe(false);
    expect(wish.isState(undefined)).toBe(false);
    expect(wish.isEvent('claim')).toBe(true);
    expect(wish.isEvent('toString')).toBe(false);
    expect(wish.State.safeParse('published').success).toBe(true);
    expect(wish.State.safeParse('nope').success).toBe(false);
  });

  test('refuses an illegal event with the machine reason and the current state', () => {
    const attempt = () => wish.next('claimed', 'claim');
    expect(attempt).toThrow(AppError);
    expect(attempt).toThrow(/claimed/);
    try {
      attempt();
    } catch (e) {
      expect(e).toMatchObject({ code: 'failed-precondition', details: { reason: 'wish.cannot_claim' } });
    }
    expect(wish.reasonFor('releaseClaim')).toBe('wish.cannot_release_claim');
    expect(snakeCase('markNoShow')).toBe('mark_no_show');
  });

  test('is immutable', () => {
    expect(Object.isFrozen(wish)).toBe(true);
    expect(Object.isFrozen(wish.transitions.claim.from)).toBe(true);
    expect(() => (wish.states as string[]).push('x')).toThrow();
  });

  test('is typed: states and events are literal unions', () => {
    const s: WishStatus = 'claimed';
    const e: WishEvent = 'releaseClaim';
    // @ts-expect-error not a state of the machine
    const badState: WishStatus = 'claimd';
    // @ts-expect-error not an event of the machine
    wish.can('published', 'clam');
    expect([s, e, badState]).toHaveLength(3);
  });
});

describe('definition-time checks', () => {
  const define = (spec: unknown) => () => defineMachine(spec as Parameters<typeof defineMachine>[0]);

  test('a typo in a from- or to-state fails at definition, and at compile time', () => {
    expect(() =>
      defineMachine({
        name: 'order',
        states: ['ordered', 'reviewed'],
        // @ts-expect-error 'reviewd' is not a declared state
        transitions: { review: { from: ['ordered'], to: 'reviewd' } },
      }),
    ).toThrow(/undeclared state "reviewd"/);
    expect(() =>
      defineMachine({
        name: 'order',
        states: ['ordered', 'reviewed'],
        // @ts-expect-error 'orderd' is not a declared state
        transitions: { review: { from: ['orderd'], to: 'reviewed' } },
      }),
    ).toThrow(MachineDefinitionError);
  });

  test('other inconsistencies fail at definition', () => {
    const ok = { name: 'm', states: ['a', 'b'], transitions: { go: { from: ['a'], to: 'b' } } };
    expect(define(ok)).not.toThrow();
    expect(define({ ...ok, name: 'Bad Name' })).toThrow(/snake_case/);
    expect(define({ ...ok, states: [] })).toThrow(/at least one state/);
    expect(define({ ...ok, states: ['a', 'b', 'a'] })).toThrow(/declared twice/);
    expect(define({ ...ok, states: ['a', 'In Service'] })).toThrow(/snake_case/);
    expect(define({ ...ok, states: ['a', 'b', 'c'] })).toThrow(/'c' is used by no transition/);
    expect(define({ ...ok, transitions: { go: { from: [], to: 'b' } } })).toThrow(/non-empty from-list/);
    expect(define({ ...ok, transitions: { go: { from: ['a', 'a'], to: 'b' } } })).toThrow(/twice/);
    expect(define({ ...ok, transitions: { 'go-now': { from: ['a'], to: 'b' } } })).toThrow(/lowerCamel/);
    expect(define({ ...ok, transitions: { go: { to: 'b' } } })).toThrow(/non-empty from-list/);
  });
});

describe('properties', () => {
  // Random machines: a few states, random edges; plus a random walk of (possibly illegal) events.
  const machineArb = fc
    .integer({ min: 1, max: 6 })
    .chain((n) => {
      const states = Array.from({ length: n }, (_, i) => `s${i}`);
      const edge = fc.record({
        from: fc.subarray(states, { minLength: 1 }),
        to: fc.constantFrom(...states),
      });
      return fc.record({
        states: fc.constant(states),
        transitions: fc.dictionary(fc.stringMatching(/^[a-z][a-zA-Z0-9]{0,6}$/), edge, { minKeys: 1, maxKeys: 8 }),
      });
    })
    .filter(({ states, transitions }) => {
      const used = new Set(Object.values(transitions).flatMap((t) => [...t.from, t.to]));
      return states.length === 1 || states.every((s) => used.has(s));
    });

  test('a random walk only reaches declared states, and can() agrees with next() not throwing', () => {
    fc.assert(
      fc.property(machineArb, fc.array(fc.nat(), { maxLength: 40 }), fc.nat(), (spec, picks, start) => {
        const m = defineMachine({ name: 'random', states: spec.states, transitions: spec.transitions });
        let state = m.states[start % m.states.length]!;
        for (const pick of picks) {
          const event = m.events[pick % m.events.length]!;
          let threw: unknown = null;
          let after = state;
          try {
            after = m.next(state, event);
          } catch (e) {
            threw = e;
          }
          expect(threw === null).toBe(m.can(state, event));
          expect(m.eventsFrom(state).includes(event)).toBe(m.can(state, event));
          if (threw) {
            expect(threw).toMatchObject({ code: 'failed-precondition', details: { reason: m.reasonFor(event) } });
          } else {
            expect(m.isState(after)).toBe(true);
            expect(after).toBe(spec.transitions[event]!.to);
          }
          state = after;
        }
        for (const s of m.states) expect(m.isTerminal(s)).toBe(m.eventsFrom(s).length === 0);
      }),
      { numRuns: 300 },
    );
  });

  test('the real table: every event from every state either moves to a declared state or is refused', () => {
    for (const s of wish.states) {
      for (const e of wish.events) {
        if (wish.can(s, e)) expect(wish.states).toContain(wish.next(s, e));
        else expect(() => wish.next(s, e)).toThrow(AppError);
      }
    }
  });
});
