import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, relative, sep } from 'node:path';
import { CHANGE_BATCH_KEY, type ColumnType, columnNames, type Dataset, emptiedColumns, keyOnlyVariantOf, QUARANTINED_RECORD } from '../lib/contracts';
import {
  allowedValues, CHANGE_FEEDS, changeBatchId, CHANGES_PREFIX, CURATED_LEDGER_PREFIX, CURATED_STEPS, CURATED_TABLES, INGEST_DATE_COLUMN,
  INGESTED_FILES_PREFIX, LANDING_FILE_EXTENSIONS, LANDING_SOURCES, type LandingSource, RAW_SOURCES, type RawSource, rawPartitionColumn,
} from '../lib/etl/glue-job-plan';
import { EMAIL_HASH_KEY_VIEW, hmacPads, LOCAL_EMAIL_HASH_KEY } from './email-hash-key-view';
import { duckdbColumnsOption, duckdbType } from './duckdb-types';
import { createLandingViewSql, loadLandingFile } from './landing-files';
import { openLocalDuckDb } from './local-duckdb';

/** The deployed SQL files: the local jobs run these very files. */
export const SQL_DIR = join(__dirname, '../glue-scripts/sql');

export function readSql(file: string): string {
  return readFileSync(join(SQL_DIR, file), 'utf8');
}

/** Local stand-ins for the lake's buckets: one directory per zone. */
export interface LocalLake {
  readonly root: string;
  readonly landing: string;
  readonly raw: string;
  readonly quarantine: string;
  readonly curated: string;
}

export function createLocalLake(): LocalLake {
  const root = mkdtempSync(join(tmpdir(), 'glue-lake-'));
  const zone = (name: string) => {
    const dir = join(root, name);
    mkdirSync(dir);
    return dir;
  };
  return { root, landing: zone('landing'), raw: zone('raw'), quarantine: zone('quarantine'), curated: zone('curated') };
}

/** What one landing-to-raw run did with one dataset. */
export interface LandingOutcome {
  readonly rowsRead: number;
  readonly rowsAccepted: number;
  readonly rowsQuarantined: number;
}

export interface RunClock {
  /** The run's day, yyyy-MM-dd: the raw and quarantine partition. */
  readonly runDate: string;
  /** When the run started, ISO 8601: the quarantine time. */
  readonly runTime: string;
}

export const QUARANTINE_PREFIX = QUARANTINED_RECORD.name;

/** What one raw-to-curated run did. */
export interface RawToCuratedOutcome {
  /** Raw records left out because they cannot be read with their contract, by dataset. */
  readonly unreadableRawRows: Record<string, number>;
  /** The change batch the run wrote. */
  readonly batchId: string;
  /** Raw files the run read, by raw dataset: those its ledger did not list. */
  readonly newRawFiles: Record<string, number>;
  /** Rows of each change table's batch, by kind of change. */
  readonly changes: Record<string, { readonly upserts: number; readonly deletes: number }>;
}

export interface RawToCuratedOptions {
  /** The HMAC key e-mails are hashed with, as the job reads it from Secrets Manager. @default LOCAL_EMAIL_HASH_KEY */
  readonly emailHashKey?: string;
  /** When the run starts (ISO 8601): names its change batch. @default now */
  readonly runTime?: string;
}

/** The stand-in for the Glue catalog's curated Iceberg tables: one DuckDB database file in the curated zone. */
export const LOCAL_CURATED_CATALOG = '_catalog.duckdb';
/** The name the local job attaches it under; the SQL names the tables without it, through the search path. */
const CURATED_CATALOG_ALIAS = 'curated_catalog';

/** A column type as DuckDB's json_transform structure: a type name, a list of one element, or an object of fields. */
function jsonStructure(type: ColumnType): unknown {
  if (typeof type === 'string' || type.kind === 'decimal') return duckdbType(type);
  if (type.kind === 'array') return [jsonStructure(type.element)];
  return Object.fromEntries(type.fields.map((f) => [f.name, jsonStructure(f.type)]));
}

/**
 * The two Glue jobs run locally on DuckDB, step for step as glue-scripts/*.py run them on Spark: read the inputs into
 * views of the same names, run the same `.sql` files in the order of the same plan (lib/etl/glue-job-plan.ts), write
 * Snappy Parquet partitioned the same way, keep the same ledger of landing files read. Landing files are read by
 * local/landing-files.ts with the options of the job's own reader declaration (lib/etl/landing-reader.ts); raw CDC
 * records as Spark reads them in PERMISSIVE mode (`readRawJsonLines`).
 */
export class LocalGlueJobs {
  static async create(): Promise<LocalGlueJobs> {
    const { instance, connection } = await openLocalDuckDb();
    return new LocalGlueJobs(instance, connection);
  }

  private catalogQueue: Promise<void> = Promise.resolve();
  /** The curated catalog file attached now, if any. */
  private attachedCatalog?: string;

  private constructor(private readonly instance: DuckDBInstance, readonly connection: DuckDBConnection) {}

  async query<T = Record<string, unknown>>(sql: string): Promise<T[]> {
    const reader = await this.connection.runAndReadAll(sql);
    return reader.getRowObjectsJson() as T[];
  }

  /** Landing -> raw for every landing dataset. Returns counts by dataset name. */
  async landingToRaw(lake: LocalLake, clock: RunClock): Promise<Record<string, LandingOutcome>> {
    await this.createAllowedValuesView();
    const outcomes: Record<string, LandingOutcome> = {};
    for (const source of LANDING_SOURCES) outcomes[source.dataset.name] = await this.landDataset(lake, source, clock);
    return outcomes;
  }

  /**
   * Raw -> curated, incremental, as the job runs it: views over the raw files its ledger does not list, the plan's
   * queries and merges in order (each query materialized at once, as the job checkpoints it, since later merges change
   * the tables it read), one change batch per change table, then the ledger. E-mails are hashed with `emailHashKey`, as
   * the job hashes them with the Secrets Manager key.
   */
  async rawToCurated(lake: LocalLake, options: RawToCuratedOptions = {}): Promise<RawToCuratedOutcome> {
    return this.withCuratedCatalog(lake, () => this.mergeNewRawFiles(lake, options));
  }

  private async mergeNewRawFiles(lake: LocalLake, options: RawToCuratedOptions): Promise<RawToCuratedOutcome> {
    const unreadable: Record<string, number> = {};
    const newRawFiles: Record<string, number> = {};
    const batchId = changeBatchId(options.runTime ? new Date(options.runTime) : new Date());
    const { innerPad, outerPad } = hmacPads(options.emailHashKey ?? LOCAL_EMAIL_HASH_KEY);
    await this.connection.run(`CREATE OR REPLACE TABLE ${EMAIL_HASH_KEY_VIEW} AS
      SELECT unhex('${innerPad.toString('hex')}') AS inner_pad, unhex('${outerPad.toString('hex')}') AS outer_pad`);
    const read: Array<{ dataset: string; files: string[] }> = [];
    for (const source of RAW_SOURCES) {
      const files = await this.unmergedRawFiles(lake, source);
      read.push({ dataset: source.dataset.name, files });
      newRawFiles[source.dataset.name] = files.length;
      const partition = rawPartitionColumn(source);
      const view = `raw_${source.dataset.name}`;
      if (files.length === 0) {
        const typedNulls = [...source.dataset.columns, partition].map((c) => `CAST(NULL AS ${duckdbType(c.type)}) AS ${c.name}`);
        await this.connection.run(`CREATE OR REPLACE VIEW ${view} AS SELECT ${typedNulls.join(', ')} WHERE FALSE`);
      } else if (source.format === 'parquet') {
        await this.connection.run(`CREATE OR REPLACE VIEW ${view} AS SELECT * FROM read_parquet(${fileList(files)},
          hive_partitioning = true, hive_types = ${duckdbColumnsOption([partition])})`);
      } else {
        unreadable[source.dataset.name] = await this.readRawJsonLines(view, source, files);
      }
    }
    for (const step of CURATED_STEPS) {
      await this.connection.run('view' in step ? `CREATE OR REPLACE TABLE ${step.view} AS ${readSql(step.sql)}` : readSql(step.sql));
    }
    const changes: RawToCuratedOutcome['changes'] = {};
    for (const feed of CHANGE_FEEDS) {
      const dir = join(lake.curated, CHANGES_PREFIX, feed.table.name, `${CHANGE_BATCH_KEY}=${batchId}`);
      mkdirSync(dir, { recursive: true });
      const columns = feed.table.columns.map((c) => c.name);
      await this.connection.run(`COPY (SELECT ${columns.join(', ')} FROM ${feed.view})
        TO '${join(dir, 'part-00000.snappy.parquet')}' (FORMAT PARQUET, COMPRESSION SNAPPY)`);
      const [counts] = await this.query<{ upserts: number; deletes: number }>(`SELECT
        count(*) FILTER (WHERE change_type = 'UPSERT')::INT AS upserts, count(*) FILTER (WHERE change_type = 'DELETE')::INT AS deletes FROM ${feed.view}`);
      changes[feed.table.name] = counts;
    }
    // Last, as the job does: a run that fails before this point reads the same raw files again.
    for (const { dataset, files } of read) {
      if (files.length === 0) continue;
      const ledger = join(lake.curated, CURATED_LEDGER_PREFIX, dataset);
      mkdirSync(ledger, { recursive: true });
      await this.connection.run(`COPY (SELECT * FROM (VALUES ${files.map((f) => `('${f.replace(/'/g, "''")}')`).join(', ')}) AS t(source_file))
        TO '${join(ledger, `${batchId}.parquet`)}' (FORMAT PARQUET)`);
    }
    return { unreadableRawRows: unreadable, batchId, newRawFiles, changes };
  }

  /** Rows of a curated table, as the curated catalog holds them (partition keys last), sorted. */
  async readCurated(lake: Pick<LocalLake, 'curated'>, dataset: Dataset): Promise<Record<string, unknown>[]> {
    if (!existsSync(join(lake.curated, LOCAL_CURATED_CATALOG))) return [];
    return this.withCuratedCatalog(lake, () => this.query(`SELECT * FROM ${CURATED_CATALOG_ALIAS}.main.${dataset.name} ORDER BY ALL`));
  }

  /** How many rows a curated table holds. */
  async curatedRowCount(lake: Pick<LocalLake, 'curated'>, dataset: Dataset): Promise<number> {
    if (!existsSync(join(lake.curated, LOCAL_CURATED_CATALOG))) return 0;
    const [{ count }] = await this.withCuratedCatalog(lake, () =>
      this.query<{ count: number }>(`SELECT count(*)::INT AS count FROM ${CURATED_CATALOG_ALIAS}.main.${dataset.name}`));
    return count;
  }

  /**
   * Runs `work` with the lake's curated catalog attached, its tables created when missing and found by the SQL's
   * unqualified names; one at a time, since the catalog has one name. The catalog stays attached until another lake's
   * is needed or the jobs close, so runs and reads on one lake do not pay for attaching it again.
   */
  private withCuratedCatalog<T>(lake: Pick<LocalLake, 'curated'>, work: () => Promise<T>): Promise<T> {
    const run = this.catalogQueue.then(async () => {
      const file = join(lake.curated, LOCAL_CURATED_CATALOG);
      if (this.attachedCatalog !== file) {
        await this.detachCuratedCatalog();
        await this.connection.run(`ATTACH '${file}' AS ${CURATED_CATALOG_ALIAS}`);
        this.attachedCatalog = file;
        for (const table of CURATED_TABLES) {
          const columns = [...table.columns, ...(table.partitionKeys ?? [])].map((c) => `${c.name} ${duckdbType(c.type)}`);
          await this.connection.run(`CREATE TABLE IF NOT EXISTS ${CURATED_CATALOG_ALIAS}.main.${table.name} (${columns.join(', ')})`);
        }
        await this.connection.run(`SET search_path = 'memory.main,${CURATED_CATALOG_ALIAS}.main'`);
      }
      return work();
    });
    this.catalogQueue = run.then(() => undefined, () => undefined);
    return run;
  }

  private async detachCuratedCatalog(): Promise<void> {
    if (this.attachedCatalog === undefined) return;
    await this.connection.run('RESET search_path');
    await this.connection.run(`DETACH ${CURATED_CATALOG_ALIAS}`);
    this.attachedCatalog = undefined;
  }

  /** The raw files of a source that the curated ledger does not list. */
  private async unmergedRawFiles(lake: LocalLake, source: RawSource): Promise<string[]> {
    const files = listFiles(join(lake.raw, source.dataset.name)).filter((f) => source.format === 'json' || f.endsWith('.parquet'));
    const ledger = join(lake.curated, CURATED_LEDGER_PREFIX, source.dataset.name);
    if (listFiles(ledger).length === 0) return files;
    const merged = new Set((await this.query<{ source_file: string }>(`SELECT source_file FROM read_parquet('${ledger}/*.parquet')`))
      .map((r) => r.source_file));
    return files.filter((f) => !merged.has(f));
  }

  /**
   * A raw JSON Lines dataset (Firehose's CDC records) as view `view`, typed by the contract, as the job reads it with
   * Spark in PERMISSIVE mode: a line that is not one object with distinct keys, or lacks a required value (a key-only
   * row requires only its own columns), stays in the raw zone but is left out of the view, and counted, so no poison
   * record can fail this or any later run.
   */
  private async readRawJsonLines(view: string, source: RawSource, files: readonly string[]): Promise<number> {
    const partition = rawPartitionColumn(source);
    const structure = JSON.stringify(Object.fromEntries(source.dataset.columns.map((c) => [c.name, jsonStructure(c.type)])));
    const required = requiredValuesOf(source.dataset);
    await this.connection.run(`CREATE OR REPLACE TABLE ${view}_read AS
      WITH lines AS (
        SELECT filename, unnest(string_split(content, chr(10))) AS line FROM read_text(${fileList(files)})
      ),
      parsed AS (
        SELECT filename, CASE WHEN json_valid(line) AND json_type(line) = 'OBJECT'
          -- Strict, so a value of the wrong type anywhere makes the record unreadable, as in Spark's PERMISSIVE mode
          -- (stricter than Spark on a missing key; Firehose writes every key).
          THEN CASE WHEN len(json_keys(line)) = len(list_distinct(json_keys(line))) THEN try(json_transform_strict(line, '${structure}')) END END AS rec
        FROM lines WHERE btrim(line, ' ') <> ''
      )
      SELECT rec, CAST(regexp_extract(filename, '${partition.name}=([^/]+)', 1) AS ${duckdbType(partition.type)}) AS ${partition.name},
        rec IS NOT NULL AND ${required} AS readable
      FROM parsed`);
    await this.connection.run(`CREATE OR REPLACE VIEW ${view} AS SELECT ${source.dataset.columns.map((c) => `rec.${c.name} AS ${c.name}`).join(', ')},
      ${partition.name} FROM ${view}_read WHERE readable`);
    const [{ count }] = await this.query<{ count: number }>(`SELECT count(*)::INT AS count FROM ${view}_read WHERE NOT readable`);
    return count;
  }

  /** Rows of a dataset as written to `zoneDir` (partition columns typed from the contract). */
  async readDataset(zoneDir: string, dataset: Dataset, where = 'TRUE'): Promise<Record<string, unknown>[]> {
    const dir = join(zoneDir, dataset.name);
    const files = listFiles(dir).filter((f) => f.endsWith('.parquet'));
    if (files.length === 0) return [];
    const hiveTypes = dataset.partitionKeys?.length ? `, hive_types = ${duckdbColumnsOption(dataset.partitionKeys)}` : '';
    return this.query(`SELECT * FROM read_parquet(${fileList(files)}, hive_partitioning = true${hiveTypes}) WHERE ${where}
      ORDER BY ALL`);
  }

  /** Rows the landing-to-raw job wrote for a landing dataset, with their ingest date. */
  async readRaw(lake: LocalLake, dataset: Dataset): Promise<Record<string, unknown>[]> {
    return this.readDataset(lake.raw, { ...dataset, partitionKeys: [rawPartitionColumn({ dataset, format: 'parquet', partitionKey: INGEST_DATE_COLUMN })] });
  }

  /** Quarantined records of a dataset. */
  async quarantined(lake: LocalLake, datasetName: string): Promise<Record<string, unknown>[]> {
    return this.readDataset(lake.quarantine, QUARANTINED_RECORD, `dataset = '${datasetName}'`);
  }

  /** Closes DuckDB; an attached curated catalog is checkpointed into its file as it closes. */
  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }

  private async createAllowedValuesView(): Promise<void> {
    const rows = LANDING_SOURCES.flatMap((s) => Object.entries(allowedValues(s.dataset)).flatMap(([column, values]) =>
      values.map((v) => `('${s.dataset.name}', '${column}', '${v}')`)));
    await this.connection.run(`CREATE OR REPLACE TABLE allowed_values AS SELECT * FROM (VALUES ${rows.join(', ')})
      AS t(dataset_name, column_name, value)`);
  }

  private async landDataset(lake: LocalLake, source: LandingSource, clock: RunClock): Promise<LandingOutcome> {
    const name = source.dataset.name;
    const columns = columnNames(source.dataset);
    const view = `landing_${name}`;
    const ledger = join(lake.raw, name, INGESTED_FILES_PREFIX);
    const ingested = new Set(listFiles(ledger).length === 0 ? [] : (await this.query<{ source_file: string }>(
      `SELECT source_file FROM read_parquet('${ledger}/*.parquet')`)).map((r) => r.source_file));
    const newFiles = listFiles(join(lake.landing, name)).filter((file) => !ingested.has(file)).flatMap((path) => {
      const format = source.formats.find((f) => LANDING_FILE_EXTENSIONS[f].includes(extname(path).slice(1).toLowerCase()));
      return format ? [{ path, format }] : [];
    });
    // As the job does: a dataset without new files is not read, validated or written (landing_to_raw.py, `land`).
    if (newFiles.length === 0) return { rowsRead: 0, rowsAccepted: 0, rowsQuarantined: 0 };
    await this.connection.run(createLandingViewSql(source.dataset));
    const scratchDir = mkdtempSync(join(tmpdir(), 'glue-landing-'));
    try {
      for (const file of newFiles) await loadLandingFile(this.connection, view, columns, file, join(scratchDir, 'file'));
    } finally {
      rmSync(scratchDir, { recursive: true, force: true });
    }
    await this.connection.run(`CREATE OR REPLACE TABLE checked AS ${readSql(source.sql)}`);
    const [{ read, accepted }] = await this.query<{ read: number; accepted: number }>(
      'SELECT count(*)::INT AS read, count(*) FILTER (WHERE reject_reason IS NULL)::INT AS accepted FROM checked');
    if (accepted > 0) {
      await this.connection.run(`COPY (SELECT ${columns.join(', ')}, '${clock.runDate}' AS ingest_date FROM checked WHERE reject_reason IS NULL)
        TO '${join(lake.raw, name)}' (FORMAT PARQUET, COMPRESSION SNAPPY, PARTITION_BY (ingest_date), APPEND)`);
    }
    if (read > accepted) {
      await this.connection.run(`COPY (SELECT '${name}' AS source_dataset, source_file, reject_reason AS reason, raw_record,
          TIMESTAMP '${clock.runTime.replace('T', ' ').replace('Z', '')}' AS quarantined_at, '${name}' AS dataset, '${clock.runDate}' AS ingest_date
        FROM checked WHERE reject_reason IS NOT NULL)
        TO '${join(lake.quarantine, QUARANTINE_PREFIX)}' (FORMAT PARQUET, COMPRESSION SNAPPY, PARTITION_BY (dataset, ingest_date), APPEND)`);
    }
    // Written last, as the job does: a run that fails before this point reads the same files again.
    mkdirSync(ledger, { recursive: true });
    await this.connection.run(`COPY (SELECT * FROM (VALUES ${newFiles.map((f) => `('${f.path.replace(/'/g, "''")}')`).join(', ')}) AS t(source_file))
      TO '${join(ledger, `${clock.runTime.replace(/[^0-9]/g, '')}-${ingested.size}.parquet`)}' (FORMAT PARQUET)`);
    return { rowsRead: read, rowsAccepted: accepted, rowsQuarantined: read - accepted };
  }
}

/** Data files under `dir`, as Spark lists them: a file or folder whose name starts with `_` or `.` is not data. */
function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && !relative(dir, join(entry.parentPath, entry.name)).split(sep).some((part) => /^[_.]/.test(part)))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort((a, b) => relative(dir, a).localeCompare(relative(dir, b), 'en'));
}

function fileList(files: readonly string[]): string {
  return `[${files.map((f) => `'${f.replace(/'/g, "''")}'`).join(', ')}]`;
}

/** The condition, over `rec`, that a raw record has every value its contract requires, as a key-only row or a whole one. */
function requiredValuesOf(dataset: Dataset): string {
  const present = (d: Dataset) => d.columns.filter((c) => !c.nullable).map((c) => `rec.${c.name} IS NOT NULL`).join(' AND ');
  const rule = dataset.keyOnly;
  if (!rule) return present(dataset);
  const keyOnly = [`rec.${rule.when.column} = '${rule.when.equals}'`, ...emptiedColumns(dataset).map((name) => `rec.${name} IS NULL`)];
  return `((${present(dataset)}) OR (${[...keyOnly, present(keyOnlyVariantOf(dataset))].join(' AND ')}))`;
}
