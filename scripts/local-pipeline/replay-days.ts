import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeZoneFile } from '../../local/dataset-fixtures';
import { type LocalLake, LocalGlueJobs, type RawToCuratedOutcome } from '../../local/local-glue-jobs';
import { startLocalKinesis } from '../../local/local-kinesis';
import { deliverChanges } from './deliver-changes';
import { LocalWarehouse, type WarehouseOutcome } from './load-warehouse';
import { OUTPUT_ZONES } from './run-pipeline';
import { DAY_RUN_TWICE, type DayInput, ShopSource, type Truth } from './source-days';
import { streamChanges } from './stream-changes';

export interface ReplayOptions {
  readonly days: number;
  /** New orders each day. */
  readonly orders: number;
  readonly seed: number;
  readonly outDir: string;
  /** Receives the balance sheet of each run as it completes. */
  readonly progress?: (text: string) => void;
}

/** How long each part of a night's run took, in milliseconds. */
export interface RunTimes {
  /** Forwarder, Kinesis and the Firehose processor: the day's changes into the raw zone (before the batch pipeline). */
  readonly streaming: number;
  /** The batch pipeline: both Glue jobs and the warehouse load. */
  readonly batch: number;
}

/** One run of the batch pipeline: what it read, what it changed, and how the warehouse compares with the truth. */
export interface RunSheet {
  readonly day: number;
  readonly run: number;
  readonly rawFilesRead: Readonly<Record<string, number>>;
  readonly changes: RawToCuratedOutcome['changes'];
  readonly batchesApplied: WarehouseOutcome['batchesApplied'];
  readonly truth: { readonly orders: number; readonly ordersInTable: number; readonly expiredKept: number; readonly exportedOrders: number; readonly revenueRows: number };
  readonly warehouse: { readonly orders: number; readonly revenueRows: number };
  /** Differences between the warehouse and the truth, each named; none when they agree. */
  readonly mismatches: readonly string[];
  readonly milliseconds: RunTimes;
}

export interface ReplayResult {
  readonly sheets: readonly RunSheet[];
  readonly balanced: boolean;
}

/**
 * `npm run pipeline:local -- --days N`: the shop (source-days.ts) day after day, and after each day the batch pipeline
 * as scheduled: its changes through the forwarder, Kinesis (kinesalite) and the processor into the raw zone, its files
 * into the landing zone, both Glue jobs on DuckDB (incremental: each run reads what arrived since the last), the
 * warehouse load on PGlite (the change batches after its high-water mark). Day DAY_RUN_TWICE runs the pipeline twice.
 * After each run the warehouse is compared with the truth: the same orders with the same statuses, the same revenue
 * report rows (orders and revenue per day, region, category and currency).
 */
export async function replayDays(options: ReplayOptions): Promise<ReplayResult> {
  const out = resolve(options.outDir);
  for (const zone of OUTPUT_ZONES) rmSync(join(out, zone), { recursive: true, force: true });
  const lake: LocalLake = { root: out, landing: join(out, 'landing'), raw: join(out, 'raw'), quarantine: join(out, 'quarantine'), curated: join(out, 'curated') };
  for (const dir of [lake.landing, lake.raw, lake.quarantine, lake.curated]) mkdirSync(dir, { recursive: true });
  const source = new ShopSource(options.orders, options.seed);
  const kinesis = await startLocalKinesis();
  const jobs = await LocalGlueJobs.create();
  const warehouse = await LocalWarehouse.open(join(out, 'warehouse'));
  const sheets: RunSheet[] = [];
  try {
    for (let day = 1; day <= options.days; day++) {
      const input = source.next(day);
      for (let run = 1; run <= (day === DAY_RUN_TWICE ? 2 : 1); run++) {
        const { glue, loaded, milliseconds } = await runDay(input, run, { lake, jobs, warehouse, kinesisClient: kinesis });
        const sheet = compare(day, run, glue, loaded, source.truth(), await warehouseState(warehouse), milliseconds);
        sheets.push(sheet);
        options.progress?.(sheetText(sheet, input));
      }
    }
  } finally {
    await warehouse.close();
    jobs.close();
    await kinesis.stop();
  }
  const result = { sheets, balanced: sheets.every((s) => s.mismatches.length === 0) };
  writeFileSync(join(out, 'days.json'), `${JSON.stringify(result, null, 2)}\n`);
  return result;
}

interface Engines {
  readonly lake: LocalLake;
  readonly jobs: LocalGlueJobs;
  readonly warehouse: LocalWarehouse;
  readonly kinesisClient: Awaited<ReturnType<typeof startLocalKinesis>>;
}

/** The night after `input`'s day: the day's changes and files arrive (once), then the batch pipeline runs. */
async function runDay(input: DayInput, run: number, engines: Engines): Promise<{ glue: RawToCuratedOutcome; loaded: WarehouseOutcome; milliseconds: RunTimes }> {
  const { lake, jobs, warehouse } = engines;
  const started = performance.now();
  const runTime = new Date(Date.parse(`${input.date}T02:00:00Z`) + 86_400_000 + (run - 1) * 1_800_000).toISOString();
  if (run === 1) {
    if (input.streamRecords.length > 0) {
      const streamed = await streamChanges(engines.kinesisClient, input.streamRecords, [], lake.quarantine, () => new Date(runTime), `order-changes-${input.date}`);
      await deliverChanges(streamed.streamed, lake.raw, input.date);
    }
    for (const [path, content] of Object.entries(input.landingFiles)) writeZoneFile(lake.landing, path, content);
  }
  const streamed = performance.now();
  await jobs.landingToRaw(lake, { runDate: runTime.slice(0, 10), runTime });
  const glue = await jobs.rawToCurated(lake, { runTime });
  const loaded = await warehouse.load(jobs, lake, `local-${runTime.replace(/[^0-9A-Za-z]/g, '')}`);
  const done = performance.now();
  return { glue, loaded, milliseconds: { streaming: Math.round(streamed - started), batch: Math.round(done - streamed) } };
}

async function warehouseState(warehouse: LocalWarehouse): Promise<{ orders: Map<string, string>; revenue: Map<string, string> }> {
  const { rows: orders } = await warehouse.db.query<{ order_id: string; status: string }>('SELECT order_id, status FROM reporting.fact_orders');
  const { rows: revenue } = await warehouse.db.query<{ key: string; value: string }>(`SELECT
    to_char(order_date, 'YYYY-MM-DD') || ' ' || region || ' ' || category || ' ' || currency AS key, orders || ' ' || revenue AS value
    FROM reporting.category_revenue_daily`);
  return { orders: new Map(orders.map((o) => [o.order_id, o.status])), revenue: new Map(revenue.map((r) => [r.key, r.value])) };
}

function differences(what: string, truth: ReadonlyMap<string, string>, found: ReadonlyMap<string, string>): string[] {
  const keys = [...new Set([...truth.keys(), ...found.keys()])].sort();
  return keys.filter((k) => truth.get(k) !== found.get(k))
    .map((k) => `${what} ${k}: truth ${truth.get(k) ?? 'absent'}, warehouse ${found.get(k) ?? 'absent'}`);
}

function compare(day: number, run: number, glue: RawToCuratedOutcome, loaded: WarehouseOutcome, truth: Truth,
  found: { orders: Map<string, string>; revenue: Map<string, string> }, milliseconds: RunTimes): RunSheet {
  return {
    day, run, rawFilesRead: glue.newRawFiles, changes: glue.changes, batchesApplied: loaded.batchesApplied,
    truth: {
      orders: truth.orders.size, ordersInTable: truth.ordersInTable, expiredKept: truth.expiredKept, exportedOrders: truth.exportedOrders,
      revenueRows: truth.revenue.size,
    },
    warehouse: { orders: found.orders.size, revenueRows: found.revenue.size },
    mismatches: [...differences('order', truth.orders, found.orders), ...differences('revenue', truth.revenue, found.revenue)],
    milliseconds,
  };
}

function sheetText(sheet: RunSheet, input: DayInput): string {
  const counts = (record: Readonly<Record<string, unknown>>) => Object.entries(record).map(([k, v]) => `${k} ${typeof v === 'object' ? JSON.stringify(v) : v}`).join(', ');
  const lines = [
    `Day ${sheet.day} (${input.date})${sheet.run > 1 ? `, run ${sheet.run} (the same night again)` : ''}: batch pipeline ${sheet.milliseconds.batch} ms (changes delivered in ${sheet.milliseconds.streaming} ms)`,
    `  source:    ${sheet.run > 1 ? 'nothing new' : counts(input.events)}`,
    `  raw files read (new only): ${counts(sheet.rawFilesRead)}`,
    `  change batch: ${Object.entries(sheet.changes).map(([t, c]) => `${t} +${c.upserts}/-${c.deletes}`).join(', ')}`,
    `  warehouse applied batches: ${counts(sheet.batchesApplied)}`,
    `  orders:  truth ${sheet.truth.orders} (${sheet.truth.ordersInTable} in the table, ${sheet.truth.expiredKept} expired by TTL and kept, ${sheet.truth.exportedOrders} exported) = warehouse ${sheet.warehouse.orders}`,
    `  revenue report rows: truth ${sheet.truth.revenueRows} = warehouse ${sheet.warehouse.revenueRows}`,
    sheet.mismatches.length === 0 ? '  balanced: the warehouse equals the truth (orders, statuses, revenue per day, region, category and currency)'
      : `  NOT BALANCED (${sheet.mismatches.length}):\n${sheet.mismatches.slice(0, 20).map((m) => `    ${m}`).join('\n')}`,
  ];
  return lines.join('\n');
}
