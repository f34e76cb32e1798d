import type { DuckDBConnection } from '@duckdb/node-api';
import { columnNames, type Column, type Dataset } from '../../../lib/contracts';
import { allowedValues, CURATED_STEPS, CURATED_TABLES, LANDING_SOURCES, RAW_SOURCES, rawPartitionColumn } from '../../../lib/etl/glue-job-plan';
import { duckdbType } from '../../../local/duckdb-types';
import { EMAIL_HASH_KEY_VIEW, hmacPads, LOCAL_EMAIL_HASH_KEY } from '../../../local/email-hash-key-view';
import { createLandingViewSql } from '../../../local/landing-files';
import { openLocalDuckDb } from '../../../local/local-duckdb';
import { readSql } from '../../../local/local-glue-jobs';

/**
 * One `.sql` file of the Glue jobs run alone on DuckDB, exactly as deployed, over input tables a test fills with rows of
 * its choosing: a test of one rule holds rows that only that rule decides, without the rest of the job around it.
 * Every input the job gives the file exists, typed as the job types it (contracts for the raw and curated tables, the
 * earlier steps' own SQL for their views), and is empty unless the test fills it.
 */
export type Row = Readonly<Record<string, unknown>>;

const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

async function rowsOf(connection: DuckDBConnection, sql: string): Promise<Row[]> {
  return (await connection.runAndReadAll(sql)).getRowObjectsJson() as Row[];
}

const createTable = (connection: DuckDBConnection, name: string, columns: readonly Column[]) =>
  connection.run(`CREATE TABLE ${name} (${columns.map((c) => `${c.name} ${duckdbType(c.type)}`).join(', ')})`);

/** Inserts rows given as JSON values (ISO text for dates and timestamps), typed by the table's own columns. */
async function insert(connection: DuckDBConnection, table: string, rows: readonly Row[]): Promise<void> {
  if (rows.length === 0) return;
  const types = new Map((await rowsOf(connection, `SELECT column_name, column_type FROM (DESCRIBE ${table})`))
    .map((r) => [r.column_name as string, r.column_type as string]));
  const keys = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const unknown = keys.filter((k) => !types.has(k));
  if (unknown.length > 0) throw new Error(`${table} has no column ${unknown.join(', ')}`);
  const structure = JSON.stringify([Object.fromEntries(keys.map((k) => [k, types.get(k)]))]);
  await connection.run(`INSERT INTO ${table} BY NAME
    SELECT unnest(rec) FROM (SELECT unnest(from_json(${literal(JSON.stringify(rows))}, ${literal(structure)})) AS rec)`);
}

/**
 * The validation query of a landing dataset over one landing row per entry, each given as the record's values (text,
 * as a reader hands them over, `null` for absent): every row out with its `reject_reason`, in the order given.
 */
export async function validateLanding(dataset: Dataset, records: readonly Row[]): Promise<Row[]> {
  const source = LANDING_SOURCES.find((s) => s.dataset === dataset);
  if (!source) throw new Error(`${dataset.name} is not a landing dataset`);
  const { instance, connection } = await openLocalDuckDb();
  try {
    const allowed = LANDING_SOURCES.flatMap((s) => Object.entries(allowedValues(s.dataset))
      .flatMap(([column, values]) => values.map((value) => ({ dataset_name: s.dataset.name, column_name: column, value }))));
    await connection.run('CREATE TABLE allowed_values (dataset_name VARCHAR, column_name VARCHAR, value VARCHAR)');
    await insert(connection, 'allowed_values', allowed);
    const view = `landing_${dataset.name}`;
    const columns = columnNames(dataset);
    await connection.run(createLandingViewSql(dataset));
    await insert(connection, view, records.map((record, i) => ({
      ...Object.fromEntries(columns.map((c) => [c, record[c] === null || record[c] === undefined ? null : String(record[c])])),
      _source_file: `record-${String(i).padStart(4, '0')}`,
      _raw_record: JSON.stringify(record),
      _unexpected_columns: record._unexpected_columns ?? '',
      _malformed_reason: record._malformed_reason ?? null,
    })));
    return await rowsOf(connection, `SELECT * FROM (${readSql(source.sql)}\n) checked ORDER BY source_file`);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/**
 * A raw-to-curated step run alone over `inputs` (rows by table or view name: `raw_<dataset>`, the curated tables, the
 * views of earlier steps). A query step returns its result; a merge returns the table it merges into, afterwards.
 */
export async function runCuratedStep(file: string, inputs: Readonly<Record<string, readonly Row[]>>): Promise<Row[]> {
  const index = CURATED_STEPS.findIndex((s) => s.sql === file);
  if (index < 0) throw new Error(`${file} is not a step of the raw-to-curated job`);
  const { instance, connection } = await openLocalDuckDb();
  try {
    for (const source of RAW_SOURCES) await createTable(connection, `raw_${source.dataset.name}`, [...source.dataset.columns, rawPartitionColumn(source)]);
    for (const table of CURATED_TABLES) await createTable(connection, table.name, [...table.columns, ...(table.partitionKeys ?? [])]);
    const { innerPad, outerPad } = hmacPads(LOCAL_EMAIL_HASH_KEY);
    await connection.run(`CREATE TABLE ${EMAIL_HASH_KEY_VIEW} AS
      SELECT unhex('${innerPad.toString('hex')}') AS inner_pad, unhex('${outerPad.toString('hex')}') AS outer_pad`);
    for (const step of CURATED_STEPS.slice(0, index)) {
      if ('view' in step) await connection.run(`CREATE TABLE ${step.view} AS SELECT * FROM (${readSql(step.sql)}\n) typed WHERE FALSE`);
    }
    for (const [table, rows] of Object.entries(inputs)) await insert(connection, table, rows);
    const step = CURATED_STEPS[index];
    if ('view' in step) return await rowsOf(connection, `SELECT * FROM (${readSql(step.sql)}\n) result ORDER BY ALL`);
    await connection.run(readSql(step.sql));
    return await rowsOf(connection, `SELECT * FROM ${step.merges.name} ORDER BY ALL`);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
