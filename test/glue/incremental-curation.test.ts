import { join } from 'node:path';
import { CATEGORY_REVENUE_DAILY, CURATED_ORDER_LINES, CURATED_ORDERS, emptiedColumns, ORDER_CHANGE, ORDER_CHANGES_FEED, ORDER_LINE_EXPORT } from '../../lib/contracts';
import { CHANGES_PREFIX } from '../../lib/etl/glue-job-plan';
import { type FixtureRow, fixtureRow, toCsv, toJsonLines, writeZoneFile } from '../../local/dataset-fixtures';
import type { LocalLake, RawToCuratedOutcome } from '../../local/local-glue-jobs';
import { localGlueSession } from './support/local-glue-session';

/**
 * The raw-to-curated job run after run on one lake, as the schedule runs it: each run reads only the raw files that
 * arrived since the last one, merges what they change into the curated tables, and writes the batch of changes the
 * warehouse loads.
 */
const session = localGlueSession();

const change = (orderId: string, sequence: number, operation: string, overrides: FixtureRow = {}): FixtureRow =>
  fixtureRow(ORDER_CHANGE, sequence, {
    order_id: orderId, operation, removed_by: operation === 'REMOVE' ? 'USER' : null, sequence_number: String(sequence),
    event_time: `2026-03-02T10:${String(sequence).padStart(2, '0')}:00.000Z`, created_at: '2026-03-02T09:00:00.000Z', ...overrides,
  });

/** A REMOVE whose old image failed the ORDER contract, as the forwarder sends it: the key and the event metadata only. */
const keyOnlyRemoval = (orderId: string, sequence: number, removedBy = 'USER'): FixtureRow => {
  const emptied = new Set(emptiedColumns(ORDER_CHANGE));
  return Object.fromEntries(Object.entries(change(orderId, sequence, 'REMOVE', { removed_by: removedBy }))
    .map(([name, value]) => [name, emptied.has(name) ? null : value]));
};

/** One day of the schedule: CDC records delivered under their event day, landing files, both jobs. */
async function day(lake: LocalLake, n: number, input: { changes?: FixtureRow[]; landing?: Record<string, string> }): Promise<RawToCuratedOutcome> {
  if (input.changes) writeZoneFile(lake.raw, `order_changes/event_date=2026-03-02/day-${n}.json`, toJsonLines(input.changes));
  for (const [path, content] of Object.entries(input.landing ?? {})) writeZoneFile(lake.landing, path, content);
  const runTime = `2026-03-0${n + 2}T04:00:00Z`;
  await session.jobs.landingToRaw(lake, { runDate: runTime.slice(0, 10), runTime });
  return session.jobs.rawToCurated(lake, { runTime });
}

const orders = async (lake: LocalLake) => (await session.jobs.readCurated(lake, CURATED_ORDERS)).map((o) => [o.order_id, o.status]);

test('a run reads only the raw files that arrived since the last run', async () => {
  const lake = session.newLake();
  expect((await day(lake, 1, { changes: [change('O-1', 1, 'INSERT')] })).newRawFiles.order_changes).toBe(1);
  expect((await day(lake, 2, { changes: [change('O-2', 2, 'INSERT')] })).newRawFiles.order_changes).toBe(1);
  expect((await day(lake, 3, {})).newRawFiles.order_changes).toBe(0);
  expect(await orders(lake)).toEqual([['O-1', 'PENDING'], ['O-2', 'PENDING']]);
});

test('a status change to an order of an earlier run updates it, its lines and its day\'s revenue', async () => {
  const lake = session.newLake();
  await day(lake, 1, { changes: [change('O-1', 1, 'INSERT', { status: 'PAID' })] });
  const second = await day(lake, 2, { changes: [change('O-1', 2, 'MODIFY', { status: 'CANCELLED' })] });
  expect(await orders(lake)).toEqual([['O-1', 'CANCELLED']]);
  expect((await session.jobs.readCurated(lake, CURATED_ORDER_LINES)).map((l) => l.status)).toEqual(['CANCELLED']);
  // Cancelled orders earn nothing: the day's only group is gone, and the batch says so.
  expect(await session.jobs.readCurated(lake, CATEGORY_REVENUE_DAILY)).toEqual([]);
  expect(second.changes).toMatchObject({ orders_changes: { upserts: 1, deletes: 0 }, category_revenue_daily_changes: { upserts: 0, deletes: 1 } });
});

test('a user\'s removal in a later run deletes the order from every curated table, and the batch carries the delete', async () => {
  const lake = session.newLake();
  await day(lake, 1, { changes: [change('O-1', 1, 'INSERT'), change('O-2', 2, 'INSERT')] });
  const second = await day(lake, 2, { changes: [change('O-1', 3, 'REMOVE')] });
  expect(await orders(lake)).toEqual([['O-2', 'PENDING']]);
  expect((await session.jobs.readCurated(lake, CURATED_ORDER_LINES)).map((l) => l.order_id)).toEqual(['O-2']);
  expect(second.changes.orders_changes).toEqual({ upserts: 0, deletes: 1 });
});

describe('a key-only removal (the old image failed its contract) deletes by the order id', () => {
  test('in a later run: from every curated table, its day\'s revenue recomputed, the batch carrying the delete and the day', async () => {
    const lake = session.newLake();
    await day(lake, 1, { changes: [change('O-1', 1, 'INSERT', { status: 'PAID' }), change('O-2', 2, 'INSERT', { status: 'PAID' })] });
    const revenueBefore = await session.jobs.readCurated(lake, CATEGORY_REVENUE_DAILY);
    const second = await day(lake, 2, { changes: [keyOnlyRemoval('O-1', 3)] });
    expect(second.unreadableRawRows.order_changes ?? 0).toBe(0);
    expect(await orders(lake)).toEqual([['O-2', 'PAID']]);
    expect((await session.jobs.readCurated(lake, CURATED_ORDER_LINES)).map((l) => l.order_id)).toEqual(['O-2']);
    expect(await session.jobs.readCurated(lake, CATEGORY_REVENUE_DAILY)).not.toEqual(revenueBefore);
    expect(second.changes.orders_changes).toEqual({ upserts: 0, deletes: 1 });
    expect(await session.jobs.readDataset(join(lake.curated, CHANGES_PREFIX), ORDER_CHANGES_FEED, `batch_id = '${second.batchId}'`)).toEqual([
      expect.objectContaining({ order_id: 'O-1', change_type: 'DELETE', order_date: '2026-03-02', status: 'PAID' }),
    ]);
  });

  test('in the run that also reads the order\'s insert', async () => {
    const lake = session.newLake();
    await day(lake, 1, { changes: [change('O-1', 1, 'INSERT'), keyOnlyRemoval('O-1', 2)] });
    expect(await orders(lake)).toEqual([]);
    expect(await session.jobs.readCurated(lake, CURATED_ORDER_LINES)).toEqual([]);
  });

  test('of an order never seen: a tombstone, so an older version arriving later does not bring it back', async () => {
    const lake = session.newLake();
    const first = await day(lake, 1, { changes: [keyOnlyRemoval('O-1', 3)] });
    expect(first.changes.orders_changes).toEqual({ upserts: 0, deletes: 1 });
    await day(lake, 2, { changes: [change('O-1', 2, 'INSERT')] });
    expect(await orders(lake)).toEqual([]);
  });

  test('by the table\'s time to live: nothing changes (the TTL policy)', async () => {
    const lake = session.newLake();
    await day(lake, 1, { changes: [change('O-1', 1, 'INSERT', { status: 'DELIVERED' })] });
    const second = await day(lake, 2, { changes: [keyOnlyRemoval('O-1', 2, 'TTL')] });
    expect(await orders(lake)).toEqual([['O-1', 'DELIVERED']]);
    expect(second.changes.orders_changes).toEqual({ upserts: 0, deletes: 0 });
  });
});

test('an older version arriving after a removal does not bring the order back', async () => {
  const lake = session.newLake();
  await day(lake, 1, { changes: [change('O-1', 1, 'INSERT'), change('O-1', 3, 'REMOVE')] });
  await day(lake, 2, { changes: [change('O-1', 2, 'MODIFY', { status: 'PAID' })] });
  expect(await orders(lake)).toEqual([]);
});

test('a removal by the table\'s time to live keeps the order as history, at its last version', async () => {
  const lake = session.newLake();
  await day(lake, 1, { changes: [change('O-1', 1, 'INSERT', { status: 'DELIVERED' })] });
  const second = await day(lake, 2, { changes: [change('O-1', 2, 'REMOVE', { status: 'DELIVERED', removed_by: 'TTL' })] });
  expect(await orders(lake)).toEqual([['O-1', 'DELIVERED']]);
  expect(second.changes.orders_changes).toEqual({ upserts: 0, deletes: 0 });
});

test('a late export file for an earlier day is merged when newer, and ignored when the curated version is newer', async () => {
  const lake = session.newLake();
  await day(lake, 1, { changes: [change('O-1', 1, 'INSERT', { updated_at: '2026-03-02T10:01:00.000Z' })] });
  const exportOf = (orderId: string, updatedAt: string, status: string) => toCsv([fixtureRow(ORDER_LINE_EXPORT, 1, {
    order_id: orderId, status, line_number: 1, created_at: '2026-03-01T09:00:00.000Z', updated_at: updatedAt,
  })]);
  await day(lake, 2, {
    landing: {
      'order_line_exports/late-older.csv': exportOf('O-1', '2026-03-02T09:30:00.000Z', 'REFUNDED'),
      'order_line_exports/late-new-order.csv': exportOf('E-1', '2026-03-01T12:00:00.000Z', 'DELIVERED'),
    },
  });
  expect(await orders(lake)).toEqual([['E-1', 'DELIVERED'], ['O-1', 'PENDING']]);
  expect((await session.jobs.readCurated(lake, CURATED_ORDERS)).find((o) => o.order_id === 'E-1')).toMatchObject({ order_date: '2026-03-01' });
});

test('a run with nothing new changes nothing and writes empty batches', async () => {
  const lake = session.newLake();
  await day(lake, 1, { changes: [change('O-1', 1, 'INSERT')] });
  const before = await session.jobs.readCurated(lake, CURATED_ORDERS);
  const again = await day(lake, 2, {});
  expect(await session.jobs.readCurated(lake, CURATED_ORDERS)).toEqual(before);
  expect(Object.values(again.changes)).toEqual(Array(4).fill({ upserts: 0, deletes: 0 }));
});
