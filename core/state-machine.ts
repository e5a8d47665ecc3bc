// Explicit lifecycle state machines (DESIGN.md §4): a transition table per lifecycle, pure and
// isomorphic. The server applies a transition with server/transition.ts (compare-and-set on status
// and version, audited in the same transaction); pages use eventsFrom() to show the allowed buttons.
//
// Reasons: an event that is not allowed from the current state is failed-precondition with
// details.reason `<machine>.cannot_<event in snake_case>` (wish + releaseClaim → 'wish.cannot_release_claim'),
// one reason per (machine, event) whatever the current state, so a client maps it to one message
// ("this wish can no longer be claimed") and reloads to see the new state.
import { AppError } from './errors';
import { z } from './zod-setup';

export interface TransitionSpec<S extends string> {
  /** The states this event may leave from; non-empty. */
  readonly from: readonly S[];
  readonly to: S;
}

export interface MachineSpec<N extends string, S extends string, E extends string> {
  /** lower snake_case, e.g. 'wish', 'service_order': the prefix of reasons and audit actions. */
  readonly name: N;
  /** lower snake_case status values, as stored in the `status` field. */
  readonly states: readonly S[];
  /** lowerCamel event names (usually the action's verb) → allowed from-states and the to-state. */
  readonly transitions: { readonly [K in E]: TransitionSpec<S> };
}

export interface Machine<N extends string = string, S extends string = string, E extends string = string> {
  readonly name: N;
  readonly states: readonly S[];
  readonly events: readonly E[];
  readonly transitions: { readonly [K in E]: TransitionSpec<S> };
  /** States no event leaves. */
  readonly terminal: readonly S[];
  /** zod enum of the states, for contracts (e.g. an output's `status`). */
  readonly State: z.ZodType<S>;
  isState(value: unknown): value is S;
  isEvent(value: unknown): value is E;
  isTerminal(state: S): boolean;
  can(state: S, event: E): boolean;
  /** The state after `event`; throws AppError failed-precondition (reasonFor(event)) when not allowed. */
  next(state: S, event: E): S;
  /** Events allowed from `state`, in table order. */
  eventsFrom(state: S): E[];
  /** `<name>.cannot_<event_in_snake_case>`. */
  reasonFor(event: E): string;
}

const NAME_RE = /^[a-z][a-z0-9_]*$/;
const STATE_RE = /^[a-z][a-z0-9_]*$/;
const EVENT_RE = /^[a-z][A-Za-z0-9]*$/;

/** Thrown at definition (module load) when a table is inconsistent: a programming error, never a request's. */
export class MachineDefinitionError extends Error {
  constructor(machine: string, problem: string) {
    super(`state machine '${machine}': ${problem}`);
    this.name = 'MachineDefinitionError';
  }
}

/**
 * Defines a machine and checks its table at once, so a typo fails at module load rather than as a
 * transition that can never happen. NoInfer makes the states list the only source of S, so a
 * from/to outside it is also a compile error. Checked: names' shapes, states unique, every from/to
 * declared, every from-list non-empty without repeats, and every declared state used by some
 * transition (a state nothing enters or leaves is almost always a misspelt duplicate).
 */
export function defineMachine<const N extends string, const S extends string, const E extends string>(spec: {
  name: N;
  states: readonly S[];
  transitions: { readonly [K in E]: { readonly from: readonly NoInfer<S>[]; readonly to: NoInfer<S> } };
}): Machine<N, S, E> {
  const name = spec.name;
  const bad = (problem: string) => new MachineDefinitionError(String(name), problem);
  if (typeof name !== 'string' || !NAME_RE.test(name)) throw bad('the name must be lower snake_case');
  if (!Array.isArray(spec.states) || spec.states.length === 0) throw bad('declare at least one state');
  const states = new Set<string>();
  for (const s of spec.states) {
    if (typeof s !== 'string' || !STATE_RE.test(s)) throw bad(`state ${JSON.stringify(s)} is not lower snake_case`);
    if (states.has(s)) throw bad(`state '${s}' is declared twice`);
    states.add(s);
  }
  const table = spec.transitions as Record<string, TransitionSpec<S>>;
  const events = Object.keys(table) as E[];
  const used = new Set<string>();
  for (const event of events) {
    const t = table[event] as TransitionSpec<S> | undefined;
    if (!EVENT_RE.test(event)) throw bad(`event '${event}' is not lowerCamel`);
    if (!t || !Array.isArray(t.from) || t.from.length === 0) throw bad(`event '${event}' needs a non-empty from-list`);
    if (new Set(t.from).size !== t.from.length) throw bad(`event '${event}' lists a from-state twice`);
    for (const s of [...t.from, t.to]) {
      if (!states.has(s)) throw bad(`event '${event}' uses undeclared state ${JSON.stringify(s)}`);
      used.add(s);
    }
  }
  if (states.size > 1) {
    for (const s of states) if (!used.has(s)) throw bad(`state '${s}' is used by no transition`);
  }

  const stateList = [...spec.states] as S[];
  const frozenTable = Object.freeze(
    Object.fromEntries(events.map((e) => [e, Object.freeze({ from: Object.freeze([...table[e]!.from]), to: table[e]!.to })])),
  ) as { readonly [K in E]: TransitionSpec<S> };
  const terminal = stateList.filter((s) => !events.some((e) => table[e]!.from.includes(s)));
  const reasons = new Map<string, string>(events.map((e) => [e, `${name}.cannot_${snakeCase(e)}`]));
  const isEvent = (value: unknown): value is E => typeof value === 'string' && Object.prototype.hasOwnProperty.call(table, value);
  const can = (state: S, event: E): boolean => isEvent(event) && table[event].from.includes(state);

  return Object.freeze({
    name,
    states: Object.freeze(stateList),
    events: Object.freeze(events),
    transitions: frozenTable,
    terminal: Object.freeze(terminal),
    State: z.enum(stateList as [S, ...S[]]) as unknown as z.ZodType<S>,
    isState: (value: unknown): value is S => typeof value === 'string' && states.has(value),
    isEvent,
    isTerminal: (state: S) => terminal.includes(state),
    can,
    next(state: S, event: E): S {
      if (!can(state, event)) {
        throw new AppError('failed-precondition', `${name} is ${String(state)}: cannot ${String(event)}`, { reason: reasonOf(event) });
      }
      return table[event].to;
    },
    eventsFrom: (state: S) => events.filter((e) => table[e].from.includes(state)),
    reasonFor: (event: E) => reasonOf(event),
  });

  function reasonOf(event: E): string {
    return reasons.get(event) ?? `${name}.cannot_${snakeCase(String(event))}`;
  }
}

/** releaseClaim → release_claim */
export function snakeCase(camel: string): string {
  return camel.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** The state and event unions of a machine, for signatures: `type WishStatus = StateOf<typeof wishMachine>`. */
export type StateOf<M> = M extends { readonly states: readonly (infer S)[] } ? S : never;
export type EventOf<M> = M extends { readonly events: readonly (infer E)[] } ? E : never;
