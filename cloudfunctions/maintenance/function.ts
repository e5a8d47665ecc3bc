// The maintenance function: housekeeping run by its timer trigger only (config.json), no client
// actions. Tests import this module (not index, which would resolve to the generated index.js
// bundle when one exists); defineMaintenance lets them shrink the budgets and capture the log.
import { maintenanceContract } from '../../core/maintenance.contract';
import { defineFunction, DefinedFunction } from '../../server/define-function';
import type { LogSink } from '../../server/log';
import { pruneIdempotency, PruneOptions } from './timers/prune-idempotency';

/**
 * config.json `timeout` (60 s) in ms: a firing's claim outlives the invocation by no more than
 * the platform's time limit, so a re-delivery after a killed run takes over at once (server/timers.ts).
 */
export const MAINTENANCE_LEASE_MS = 60_000;

export interface MaintenanceOptions {
  prune?: PruneOptions;
  logSink?: LogSink;
}

export function defineMaintenance(options: MaintenanceOptions = {}): DefinedFunction {
  return defineFunction(
    maintenanceContract,
    {},
    {
      timers: { pruneIdempotency: pruneIdempotency(options.prune) },
      timerLeaseMs: MAINTENANCE_LEASE_MS,
      ...(options.logSink ? { logSink: options.logSink } : {}),
    },
  );
}

export const maintenance = defineMaintenance();
