import { CATEGORY_REVENUE_DAILY, CURATED_DATASETS, CURATED_ORDER_LINES, CURATED_ORDERS } from '../../lib/contracts';
import { writeZoneFile } from '../../local/dataset-fixtures';
import type { LandingOutcome, LocalGlueJobs, LocalLake, RunClock } from '../../local/local-glue-jobs';
import { LANDING_SOURCES } from '../../lib/etl/glue-job-plan';

export interface ReasonCount {
  readonly reason: string;
  readonly rows: number;
}

export interface GlueOutcome {
  /** Landing-to-raw counts by landing dataset. */
  readonly landing: Readonly<Record<string, LandingOutcome>>;
  /** Quarantine reasons by landing dataset. */
  readonly quarantine: Readonly<Record<string, readonly ReasonCount[]>>;
  /** Rows by curated dataset. */
  readonly curated: Readonly<Record<string, number>>;
  /** Curated orders and order lines whose id starts with each given prefix. */
  readonly curatedOrdersByPrefix: Readonly<Record<string, number>>;
  readonly curatedOrderLinesByPrefix: Readonly<Record<string, number>>;
  /** Total of the curated category revenue report, all currencies together (a checksum, not an amount). */
  readonly curatedRevenueTotal: string;
}

/**
 * Landing files -> raw -> curated: the two Glue jobs' SQL files, in the order of the deployed job plan, on DuckDB
 * (the runner the Glue tests use), over the local lake's directories.
 */
export async function runGlueJobs(
  jobs: LocalGlueJobs,
  lake: LocalLake,
  landingFiles: Readonly<Record<string, string>>,
  clock: RunClock,
  orderIdPrefixes: readonly string[],
): Promise<GlueOutcome> {
  for (const [path, content] of Object.entries(landingFiles)) writeZoneFile(lake.landing, path, content);
  const landing = await jobs.landingToRaw(lake, clock);
  await jobs.rawToCurated(lake, { runTime: clock.runTime });

  const quarantine: Record<string, ReasonCount[]> = {};
  for (const { dataset } of LANDING_SOURCES) {
    const counts = new Map<string, number>();
    for (const row of await jobs.quarantined(lake, dataset.name)) counts.set(String(row.reason), (counts.get(String(row.reason)) ?? 0) + 1);
    quarantine[dataset.name] = [...counts].sort(([a], [b]) => a.localeCompare(b, 'en')).map(([reason, rows]) => ({ reason, rows }));
  }
  const curated: Record<string, number> = {};
  for (const dataset of CURATED_DATASETS) curated[dataset.name] = (await jobs.readCurated(lake, dataset)).length;
  const byPrefix = async (dataset: typeof CURATED_ORDERS) => {
    const ids = (await jobs.readCurated(lake, dataset)).map((row) => String(row.order_id));
    return Object.fromEntries(orderIdPrefixes.map((prefix) => [prefix, ids.filter((id) => id.startsWith(prefix)).length]));
  };
  return {
    landing,
    quarantine,
    curated,
    curatedOrdersByPrefix: await byPrefix(CURATED_ORDERS),
    curatedOrderLinesByPrefix: await byPrefix(CURATED_ORDER_LINES),
    curatedRevenueTotal: await revenueTotal(jobs, lake),
  };
}

async function revenueTotal(jobs: LocalGlueJobs, lake: LocalLake): Promise<string> {
  const rows = await jobs.readCurated(lake, CATEGORY_REVENUE_DAILY);
  const cents = rows.reduce((sum, row) => sum + BigInt(String(row.revenue ?? '0').replace('.', '')), 0n);
  return `${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`;
}
