import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Dataset } from '../contracts';
import { fillPlaceholders, splitStatements } from './sql-text';
import { copyTableOf, stagingTableOf, WAREHOUSE_TABLES } from './warehouse-tables';

export const LOAD_SQL_DIR = path.join(__dirname, '..', '..', 'warehouse', 'load');

/** One load of the warehouse: which run, and which partitions of the partitioned datasets it rewrote. */
export interface LoadRun {
  /** Identifies the run in the audit table and in every error. Letters, digits and `_.:-`, at most 128. */
  readonly runId: string;
  /** Values (`YYYY-MM-DD`) of the partitions the run rewrote; unpartitioned datasets are loaded whole. */
  readonly partitions: readonly string[];
}

/** Where the curated files are and who may read them. */
export interface LoadSettings {
  readonly curatedBucketName: string;
  readonly copyRoleArn: string;
}

export type LoadStep = 'clear' | 'copy' | 'add-partition' | 'check' | 'publish';

export interface LoadStatement {
  readonly runId: string;
  /** The reporting table this statement works for. */
  readonly table: string;
  readonly step: LoadStep;
  /** For `copy`: the dataset and partition value (`undefined` for an unpartitioned dataset) it reads. */
  readonly source?: { readonly dataset: string; readonly partition?: string; readonly uri: string };
  readonly sql: string;
}

/**
 * A load in two phases. `stage` fills the staging tables (re-runnable: it clears them first) and fails, naming run and
 * table, on a COPY error or an empty table. `publish` must run as ONE transaction: it merges every table, removes rows
 * gone from the rewritten partitions and records the run; re-running it leaves the same reporting rows.
 */
export interface LoadPlan {
  readonly runId: string;
  readonly stage: readonly LoadStatement[];
  readonly publish: readonly LoadStatement[];
}

const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;
const PARTITION_VALUE = /^\d{4}-\d{2}-\d{2}$/;
const NO_QUOTES = /^[^'\\\s]+$/;

const sqlFile = (relative: string) => readFileSync(path.join(LOAD_SQL_DIR, relative), 'utf8');

/** The S3 prefix of a dataset (and partition) in the curated zone: `<dataset>/[<key>=<value>/]`. */
export function curatedPrefix(dataset: Dataset, partition?: string): string {
  const key = dataset.partitionKeys?.[0]?.name;
  return key && partition !== undefined ? `${dataset.name}/${key}=${partition}/` : `${dataset.name}/`;
}

/** Renders the load of `run` for Redshift. Rejects, naming the run, values that could not be quoted safely. */
export function renderLoad(run: LoadRun, settings: LoadSettings): LoadPlan {
  const { runId } = run;
  if (!RUN_ID.test(runId)) throw new Error(`load run ${JSON.stringify(runId)}: a run id has letters, digits and _.:- only (at most 128)`);
  if (run.partitions.length === 0) throw new Error(`load run ${runId}: no partitions to load`);
  const badPartition = run.partitions.find((p) => !PARTITION_VALUE.test(p) || Number.isNaN(Date.parse(p)));
  if (badPartition !== undefined) throw new Error(`load run ${runId}: partition ${JSON.stringify(badPartition)} is not a YYYY-MM-DD date`);
  for (const [name, value] of Object.entries(settings)) {
    if (!NO_QUOTES.test(value)) throw new Error(`load run ${runId}: ${name} ${JSON.stringify(value)} cannot contain quotes or spaces`);
  }
  const partitions = [...new Set(run.partitions)].sort();

  const stage: LoadStatement[] = [];
  const publish: LoadStatement[] = [];
  for (const { reportingTable: table, dataset } of WAREHOUSE_TABLES) {
    const partitionKey = dataset.partitionKeys?.[0]?.name;
    const names = {
      run_id: runId,
      staging_table: stagingTableOf(dataset),
      copy_table: copyTableOf(dataset),
      copy_role_arn: settings.copyRoleArn,
      columns: dataset.columns.map((c) => c.name).join(', '),
      partition_key: partitionKey ?? '',
      partition_values: partitions.map((p) => `DATE '${p}'`).join(', '),
      load_scope: partitionKey ? `${partitionKey} in (${partitions.join(', ')})` : 'full snapshot',
    };
    const add = (target: LoadStatement[], step: LoadStep, file: string, extra: Record<string, string> = {}, source?: LoadStatement['source']) => {
      for (const sql of splitStatements(fillPlaceholders(sqlFile(file), { ...names, ...extra }, file))) {
        target.push({ runId, table, step, sql, ...(source ? { source } : {}) });
      }
    };

    const copyTables = new Set([names.staging_table, names.copy_table]);
    for (const stagingTable of copyTables) add(stage, 'clear', 'stage/clear.sql', { staging_table: stagingTable });
    for (const partition of partitionKey ? partitions : [undefined]) {
      const uri = `s3://${settings.curatedBucketName}/${curatedPrefix(dataset, partition)}`;
      add(stage, 'copy', 'stage/copy.sql', { source_uri: uri }, { dataset: dataset.name, partition, uri });
      if (partition !== undefined) add(stage, 'add-partition', 'stage/add-partition.sql', { partition_value: partition });
    }
    add(stage, 'check', 'stage/check.sql');
    add(publish, 'publish', `publish/${table}.sql`);
  }
  return { runId, stage, publish };
}
