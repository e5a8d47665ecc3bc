// The isomorphic core: pure, side-effect free apart from registering dayjs's utc plugin and setting
// zod to jitless (zod-setup.ts says why).
export * from './errors';
export * from './mask';
export * from './contract';
export * from './roles';
export * from './time';
export * from './working-days';
export * from './user.contract';
export { configureZod } from './zod-setup';
export * from './state-machine';
// Each domain's core (contracts, machines, rules), one folder per domain.
export * from './volunteer';
export * from './activity';
export * from './wish';
export * from './charity';
// Two domains export a function of the same name; `export *` drops an ambiguous name (TS2308), so
// the barrel names one explicitly. Both are compatible with every caller: the volunteer ageOn
// (number) satisfies the activity callers (number | null), and the activity addWorkingDays (optional
// holiday table, n ≥ 1) computes the same Monday–Friday days the charity callers ask for.
export { ageOn } from './volunteer';
export { addWorkingDays } from './activity';
