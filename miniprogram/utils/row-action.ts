// An action on one row of a list (approve, close, cancel…): the row shows it is busy, then is
// replaced in place by path with what the server answered, or keeps its place with the error under it.
import { userMessage } from '../services/errors';
import { toast } from '../services/platform';
import { replacePatch, type ListHost } from './list';

/** What a row needs for this: a busy flag and an inline error. */
export interface ActionRow {
  busy: boolean;
  error: string;
}

export interface RowActionOptions {
  /** The toast's icon when the action went through, or false when the new row itself says so. Default 'success'. */
  toast?: 'success' | 'none' | false;
  /** The text under the row when it failed. Default: the error's one clear message. */
  errorText?: (err: unknown) => string;
}

/** Resolves to true when the action went through. A row already busy is left alone (a double tap). */
export async function actOnRow<T, R extends ActionRow>(
  host: ListHost,
  key: string,
  i: number,
  work: () => Promise<T>,
  toRow: (result: T) => R,
  done: string,
  options: RowActionOptions = {},
): Promise<boolean> {
  const rows = (host.data as Record<string, unknown>)[key] as ActionRow[];
  if (!rows[i] || rows[i].busy) return false;
  host.setData({ [`${key}[${i}].busy`]: true, [`${key}[${i}].error`]: '' });
  try {
    const result = await work();
    host.setData(replacePatch(key, i, toRow(result)));
    const icon = options.toast ?? 'success';
    if (icon) toast(done, icon);
    return true;
  } catch (err) {
    host.setData({ [`${key}[${i}].busy`]: false, [`${key}[${i}].error`]: (options.errorText ?? userMessage)(err) });
    return false;
  }
}
