import type { PGlite } from '@electric-sql/pglite';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CHANGES_PREFIX } from '../../lib/etl/glue-job-plan';
import type { LocalGlueJobs, LocalLake } from '../../local/local-glue-jobs';
import { addChangeBatch, applyCoreMigrations, emulateLakeExternalSchema, type Row, withLakeEmulated } from '../../local/redshift-emulation';
import { renderLoad } from '../../lib/warehouse/load-plan';
import { runLoad } from '../../local/load-runner';
import { LAKE_EXTERNAL_SCHEMA, WAREHOUSE_TABLES } from '../../lib/warehouse/warehouse-tables';
import { openWarehouseDatabase } from './warehouse-database';

/** Stand-ins for the curated database and the cluster's lake role: only the rendered SQL carries them. */
const LOCAL_LOAD_SETTINGS = { curatedDatabaseName: 'local_curated', lakeRoleArn: 'arn:aws:iam::000000000000:role/local-lake' };

export interface CategoryRevenue {
  readonly category: string;
  readonly currency: string;
  readonly orders: number;
  readonly units: number;
  readonly revenue: string;
}

export interface WarehouseOutcome {
  /** Change batches the load applied, by change table. */
  readonly batchesApplied: Readonly<Record<string, number>>;
}

export interface WarehouseReport {
  /** Rows by reporting table. */
  readonly reportingRows: Readonly<Record<string, number>>;
  /** The category revenue report, all days and regions together. */
  readonly categoryRevenue: readonly CategoryRevenue[];
  /** Total of the category revenue table, all currencies together (a checksum, not an amount). */
  readonly revenueTotal: string;
}

/**
 * The warehouse on embedded PostgreSQL (PGlite), kept in `dataDir` from one load to the next: the migrations, the
 * Redshift shims the PostgreSQL tests use, and Spectrum's view of the curated zone (the change batches the local lake
 * holds, added as S3 would show them). Each load is the deployed load plan run by the deployed load runner.
 */
export class LocalWarehouse {
  static async open(dataDir: string): Promise<LocalWarehouse> {
    const db = await openWarehouseDatabase(dataDir);
    await applyCoreMigrations(db);
    await emulateLakeExternalSchema(db);
    return new LocalWarehouse(db);
  }

  private constructor(readonly db: PGlite) {}

  /** Loads what the curated zone's change batches hold beyond what the warehouse applied. */
  async load(jobs: LocalGlueJobs, lake: LocalLake, runId: string): Promise<WarehouseOutcome> {
    await this.showChangeBatches(jobs, lake);
    const marks = await this.highWaterMarks();
    await runLoad(withLakeEmulated(renderLoad({ runId }, LOCAL_LOAD_SETTINGS)), { execute: async (sql) => { await this.db.query(sql); } });
    const after = await this.highWaterMarks();
    const batchesApplied: Record<string, number> = {};
    for (const { reportingTable, changes } of WAREHOUSE_TABLES) {
      const { rows } = await this.db.query<{ n: number }>(`SELECT count(DISTINCT batch_id)::int AS n FROM ${LAKE_EXTERNAL_SCHEMA}.${changes.name}
        WHERE batch_id > '${marks[reportingTable] ?? ''}' AND batch_id <= '${after[reportingTable] ?? ''}'`);
      batchesApplied[changes.name] = rows[0].n;
    }
    return { batchesApplied };
  }

  /** What the reporting tables hold: rows by table, the category revenue report. */
  async report(): Promise<WarehouseReport> {
    const reportingRows: Record<string, number> = {};
    for (const { reportingTable } of WAREHOUSE_TABLES) {
      const { rows } = await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM reporting.${reportingTable}`);
      reportingRows[reportingTable] = rows[0].n;
    }
    const { rows: categoryRevenue } = await this.db.query<CategoryRevenue>(`SELECT category, currency, sum(orders)::int AS orders,
      sum(units)::int AS units, sum(revenue)::text AS revenue FROM reporting.category_revenue_daily GROUP BY 1, 2 ORDER BY 1, 2`);
    const { rows: [total] } = await this.db.query<{ revenue: string }>(
      'SELECT coalesce(sum(revenue), 0)::numeric(38,2)::text AS revenue FROM reporting.category_revenue_daily');
    return { reportingRows, categoryRevenue, revenueTotal: total.revenue };
  }

  async close(): Promise<void> {
    await this.db.close();
  }

  private async highWaterMarks(): Promise<Record<string, string>> {
    const { rows } = await this.db.query<{ table_name: string; mark: string }>(
      'SELECT table_name, max(change_batch_id) AS mark FROM reporting.load_audit GROUP BY 1');
    return Object.fromEntries(rows.map((r) => [r.table_name, r.mark]));
  }

  /** Adds to the external tables the batches of the local lake they do not show yet, as S3 would list them. */
  private async showChangeBatches(jobs: LocalGlueJobs, lake: LocalLake): Promise<void> {
    for (const { changes } of WAREHOUSE_TABLES) {
      const dir = join(lake.curated, CHANGES_PREFIX, changes.name);
      if (!existsSync(dir)) continue;
      const { rows: shown } = await this.db.query<{ batch_id: string }>(`SELECT DISTINCT batch_id FROM ${LAKE_EXTERNAL_SCHEMA}.${changes.name}`);
      const known = new Set(shown.map((r) => r.batch_id));
      for (const folder of readdirSync(dir).filter((f) => f.startsWith('batch_id=')).sort()) {
        const batchId = folder.slice('batch_id='.length);
        if (known.has(batchId)) continue;
        const rows = await jobs.query<Row>(`SELECT ${changes.columns.map((c) => c.name).join(', ')}
          FROM read_parquet('${join(dir, folder)}/*.parquet') ORDER BY ALL`);
        for (let i = 0; i < rows.length; i += 1_000) await addChangeBatch(this.db, changes.name, batchId, rows.slice(i, i + 1_000));
      }
    }
  }
}
