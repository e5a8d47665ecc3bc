// The volunteer domain's isomorphic core (contracts, state machines, pure rules); re-exported by core/index.ts.
export * from './card';
export * from './enums';
export * from './id-number';
export * from './stars';
export * from './machines';
export * from './org.contract';
export * from './volunteer.contract';
export { isPlainText, PersonName, MobilePhone, PLAIN_TEXT_MESSAGE } from './text';
