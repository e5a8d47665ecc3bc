import { defineContract } from './contract';

// The maintenance function is driven only by its timer trigger (cloudfunctions/maintenance): it
// offers the mini-program no action, so a client call gets `invalid-argument`
// (request.unknown_action) and a client sending a timer event gets `permission-denied`
// (server/timers.ts). Not exported from core/index.ts: the mini-program has nothing to call here.
export const maintenanceContract = defineContract({
  name: 'maintenance',
  actions: {},
});
export type MaintenanceContract = typeof maintenanceContract;
