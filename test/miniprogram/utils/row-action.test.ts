// actOnRow, the one way a list page acts on a row: busy, then the row replaced by path with the
// server's answer (and a toast), or the row kept with its error; a double tap does nothing.
import { AppError, userMessage } from '../../../miniprogram/services/errors';
import { actOnRow } from '../../../miniprogram/utils/row-action';

const mockToast = jest.fn();
jest.mock('../../../miniprogram/services/platform', () => ({ toast: (t: string, icon?: string) => mockToast(t, icon) }));

type Row = { id: string; label: string; busy: boolean; error: string };

function host(rows: Row[]) {
  const patches: Array<Record<string, unknown>> = [];
  const h = {
    data: { rows } as Record<string, unknown>,
    setData(p: Record<string, unknown>) {
      patches.push(p);
    },
  };
  return { h, patches };
}

const row = (id: string): Row => ({ id, label: id, busy: false, error: '' });
const toRow = (label: string): Row => ({ id: 'b', label, busy: false, error: '' });

beforeEach(() => mockToast.mockReset());

test('success: busy first, then the row replaced by its path, and a success toast', async () => {
  const { h, patches } = host([row('a'), row('b')]);
  expect(await actOnRow(h, 'rows', 1, async () => 'done-b', toRow, '已完成')).toBe(true);
  expect(patches).toEqual([{ 'rows[1].busy': true, 'rows[1].error': '' }, { 'rows[1]': toRow('done-b') }]);
  expect(mockToast).toHaveBeenCalledWith('已完成', 'success');
});

test('failure: the row keeps its place, not busy, with the message; no toast', async () => {
  const { h, patches } = host([row('a')]);
  const refused = new AppError('failed-precondition', 'already handled');
  const work = async (): Promise<string> => {
    throw refused;
  };
  expect(await actOnRow(h, 'rows', 0, work, toRow, '已完成')).toBe(false);
  expect(patches[1]).toEqual({ 'rows[0].busy': false, 'rows[0].error': userMessage(refused) });
  expect(userMessage(refused)).not.toBe('');
  expect(mockToast).not.toHaveBeenCalled();
});

test('a busy or missing row is left alone (a double tap)', async () => {
  const { h, patches } = host([{ ...row('a'), busy: true }]);
  const work = jest.fn(async () => 'x');
  expect(await actOnRow(h, 'rows', 0, work, toRow, '已完成')).toBe(false);
  expect(await actOnRow(h, 'rows', 5, work, toRow, '已完成')).toBe(false);
  expect(work).not.toHaveBeenCalled();
  expect(patches).toEqual([]);
});

test('options: a plain toast, no toast, and a page-specific error text', async () => {
  const a = host([row('a')]);
  await actOnRow(a.h, 'rows', 0, async () => 'x', toRow, '已签到', { toast: 'none' });
  expect(mockToast).toHaveBeenLastCalledWith('已签到', 'none');
  mockToast.mockReset();
  await actOnRow(a.h, 'rows', 0, async () => 'x', toRow, '已绑定', { toast: false });
  expect(mockToast).not.toHaveBeenCalled();
  const b = host([row('a')]);
  const fail = async (): Promise<string> => {
    throw new AppError('invalid-argument', 'bad');
  };
  await actOnRow(b.h, 'rows', 0, fail, toRow, '已绑定', { errorText: () => '绑定码应为 8 位' });
  expect(b.patches[1]).toEqual({ 'rows[0].busy': false, 'rows[0].error': '绑定码应为 8 位' });
});
