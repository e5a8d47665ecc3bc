// STUB — replaced by the wx.openApi implementation. The exported names and types are the contract.
import type { ActionTable } from '../wire';
import type { Outbox } from './outbox';

export interface OpenApiOptions {
  outbox: Outbox;
  secCheckWords: string[];
}

export function createOpenApi(_opts: OpenApiOptions): { actions: ActionTable } {
  return { actions: {} };
}
