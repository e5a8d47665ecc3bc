// The activity domain's isomorphic core (contracts, state machines, pure rules); re-exported by core/index.ts.
export * from './activity.contract';
export * from './checkin.contract';
export * from './hours';
export * from './machines';
export * from './qr';
export * from './recruiting';
export * from './text';
