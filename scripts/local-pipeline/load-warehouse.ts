import { PGlite } from '@electric-sql/pglite';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CATEGORY_REVENUE_DAILY, CURATED_ORDERS, columnNames } from '../../lib/contracts';
import type { LocalGlueJobs } from '../../lib/local/local-glue-jobs';
import { applyCoreMigrations, type Row, withCopiesAsInserts } from '../../lib/local/redshift-emulation';
import { curatedPrefix, renderLoad } from '../../lib/warehouse/load-plan';
import { runLoad } from '../../lib/warehouse/load-runner';
import { loadedDatasetNamed, WAREHOUSE_TABLES } from '../../lib/warehouse/warehouse-tables';

/** Stand-ins for the load's S3 bucket and COPY role: only the rendered SQL carries them. */
const LOCAL_LOAD_SETTINGS = { curatedBucketName: 'local-curated-zone', copyRoleArn: 'arn:aws:iam::000000000000:role/local-copy' };

export interface CategoryRevenue {
  readonly category: string;
  readonly currency: string;
  readonly orders: number;
  readonly units: number;
  readonly revenue: string;
}

export interface WarehouseOutcome {
  readonly partitions: readonly string[];
  /** Rows by reporting table. */
  readonly reportingRows: Readonly<Record<string, number>>;
  /** The category revenue report, all days and regions together. */
  readonly categoryRevenue: readonly CategoryRevenue[];
  /** Total of the category revenue table, all currencies together (a checksum, not an amount). */
  readonly revenueTotal: string;
}

/**
 * Curated zone -> warehouse: the warehouse migrations and the rendered load (stage, then publish in one transaction),
 * run by the deployed load runner on embedded PostgreSQL (PGlite) with the Redshift shims the PostgreSQL tests use.
 * Each COPY of a curated prefix becomes an INSERT of the rows DuckDB reads from that prefix's Parquet files.
 */
export async function loadWarehouse(jobs: LocalGlueJobs, curatedDir: string, dataDir: string, runId: string): Promise<WarehouseOutcome> {
  const db = await PGlite.create(dataDir);
  try {
    await applyCoreMigrations(db);
    const partitions = [CURATED_ORDERS, CATEGORY_REVENUE_DAILY].flatMap((dataset) => partitionValues(curatedDir, dataset.name));
    const plan = renderLoad({ runId, partitions }, LOCAL_LOAD_SETTINGS);
    const files = new Map<string, Row[]>();
    for (const statement of plan.stage) {
      if (statement.step !== 'copy' || !statement.source) continue;
      const { dataset: name, partition } = statement.source;
      const dataset = loadedDatasetNamed(name);
      const dir = join(curatedDir, curatedPrefix(dataset, partition));
      const rows = existsSync(dir) ? await jobs.query<Row>(`SELECT ${columnNames({ ...dataset, partitionKeys: [] }).join(', ')}
        FROM read_parquet('${dir}**/*.parquet', hive_partitioning = false) ORDER BY ALL`) : [];
      files.set(`${name}/${partition ?? ''}`, rows);
    }
    await runLoad(withCopiesAsInserts(plan, (source) => files.get(`${source.dataset}/${source.partition ?? ''}`) ?? []),
      { execute: async (sql) => { await db.query(sql); } });

    const reportingRows: Record<string, number> = {};
    for (const { reportingTable } of WAREHOUSE_TABLES) {
      const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM reporting.${reportingTable}`);
      reportingRows[reportingTable] = rows[0].n;
    }
    const { rows: categoryRevenue } = await db.query<CategoryRevenue>(`SELECT category, currency, sum(orders)::int AS orders,
      sum(units)::int AS units, sum(revenue)::text AS revenue FROM reporting.category_revenue_daily GROUP BY 1, 2 ORDER BY 1, 2`);
    const { rows: [total] } = await db.query<{ revenue: string }>(
      'SELECT coalesce(sum(revenue), 0)::numeric(38,2)::text AS revenue FROM reporting.category_revenue_daily');
    return { partitions: [...new Set(partitions)].sort(), reportingRows, categoryRevenue, revenueTotal: total.revenue };
  } finally {
    await db.close();
  }
}

/** Partition values (`<key>=<value>` directories) a curated dataset holds. */
function partitionValues(curatedDir: string, datasetName: string): string[] {
  const dir = join(curatedDir, datasetName);
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((entry) => entry.includes('=')).map((entry) => entry.slice(entry.indexOf('=') + 1));
}
