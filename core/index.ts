// The isomorphic core: pure, side-effect free apart from registering dayjs's utc plugin and setting
// zod to jitless (zod-setup.ts says why).
export * from './errors';
export * from './mask';
export * from './contract';
export * from './roles';
export * from './time';
export * from './working-days';
export * from './geo';
export * from './user.contract';
export { configureZod } from './zod-setup';
export * from './state-machine';
// Each domain's core (contracts, machines, rules), one folder per domain.
export * from './volunteer';
export * from './activity';
export * from './wish';
export * from './charity';
