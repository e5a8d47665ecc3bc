// The wish domain's isomorphic core (contracts, state machines, pure rules); re-exported by core/index.ts.
export * from './machine';
export * from './rules';
export * from './wish.contract';
