// The activity domain's isomorphic core (contracts, state machines, pure rules); re-exported by core/index.ts.
export {};
