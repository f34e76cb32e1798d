import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fillPlaceholders, splitStatements } from './sql-text';
import { LAKE_EXTERNAL_SCHEMA, WAREHOUSE_TABLES } from './warehouse-tables';

export const LOAD_SQL_DIR = path.join(__dirname, '..', '..', 'warehouse', 'load');

/** One load of the warehouse. What it loads is not a parameter: every change batch after the last one it applied. */
export interface LoadRun {
  /** Identifies the run in the audit table and in every error. Letters, digits and `_.:-`, at most 128. */
  readonly runId: string;
}

/** Where the change batches are and who may read them. */
export interface LoadSettings {
  /** The Glue database of the curated zone, whose change tables the load reads through Redshift Spectrum. */
  readonly curatedDatabaseName: string;
  /** The role the cluster reads the lake with (S3 and the Glue catalog). */
  readonly lakeRoleArn: string;
}

export type LoadStep = 'external-schema' | 'stage' | 'publish';

export interface LoadStatement {
  readonly runId: string;
  /** The reporting table this statement works for (`*` for the external schema). */
  readonly table: string;
  readonly step: LoadStep;
  readonly sql: string;
}

/**
 * A load in two phases. `stage` fills the staging tables with the change batches not yet applied (re-runnable: it
 * clears them first); nothing new is a success. `publish` must run as ONE transaction: it applies the staged changes
 * to every reporting table and records, per table, the last batch applied; re-running a load applies nothing twice.
 */
export interface LoadPlan {
  readonly runId: string;
  readonly stage: readonly LoadStatement[];
  readonly publish: readonly LoadStatement[];
}

const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;
const NO_QUOTES = /^[^'\\\s]+$/;

const sqlFile = (relative: string) => readFileSync(path.join(LOAD_SQL_DIR, relative), 'utf8');

/** Renders the load of `run` for Redshift. Rejects, naming the run, values that could not be quoted safely. */
export function renderLoad(run: LoadRun, settings: LoadSettings): LoadPlan {
  const { runId } = run;
  if (!RUN_ID.test(runId)) throw new Error(`load run ${JSON.stringify(runId)}: a run id has letters, digits and _.:- only (at most 128)`);
  for (const [name, value] of Object.entries(settings)) {
    if (!NO_QUOTES.test(value)) throw new Error(`load run ${runId}: ${name} ${JSON.stringify(value)} cannot contain quotes or spaces`);
  }
  const common = { run_id: runId, external_schema: LAKE_EXTERNAL_SCHEMA };
  const statements = (table: string, step: LoadStep, file: string, values: Record<string, string>): LoadStatement[] =>
    splitStatements(fillPlaceholders(sqlFile(file), { ...common, ...values }, file)).map((sql) => ({ runId, table, step, sql }));

  const stage: LoadStatement[] = statements('*', 'external-schema', 'stage/external-schema.sql', {
    curated_database: settings.curatedDatabaseName, lake_role_arn: settings.lakeRoleArn,
  });
  const publish: LoadStatement[] = [];
  for (const { reportingTable: table, changes } of WAREHOUSE_TABLES) {
    stage.push(...statements(table, 'stage', 'stage/changes.sql', {
      changes_table: changes.name, reporting_table: table, columns: changes.columns.map((c) => c.name).join(', '),
    }));
    publish.push(...statements(table, 'publish', `publish/${table}.sql`, {}));
  }
  return { runId, stage, publish };
}
