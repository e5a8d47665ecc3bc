// The charity domain's isomorphic core (contracts, state machines, pure rules); re-exported by core/index.ts.
// The matching engine (core/charity/matching/) is NOT re-exported here: this file is bundled into the
// mini-program, the engine is server-side only (cloudfunctions/charity imports it by path).
export * from './model';
export * from './machines';
export * from './rules';
export * from './charity.contract';
