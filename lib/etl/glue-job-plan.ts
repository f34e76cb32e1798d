import {
  CATEGORY_REVENUE_CHANGES, CATEGORY_REVENUE_DAILY, CLICK_EVENT, type Column, columnNames, CURATED_CLICKSTREAM,
  CURATED_CUSTOMERS, CURATED_ORDER_LINES, CURATED_ORDERS, CURATED_PRODUCTS, CUSTOMER, CUSTOMER_CHANGES, type Dataset, ORDER_CHANGE,
  ORDER_CHANGES_FEED, ORDER_LINE_EXPORT, ORDER_VERSIONS, PRODUCT, PRODUCT_CHANGES,
} from '../contracts';
import { sparkSchema } from './spark-schema';

/**
 * What the two Glue jobs do, as plain data: which files they read, which `.sql` file (in `glue-scripts/sql/`) turns
 * which temporary views into which output. The jobs receive it as JSON arguments (the `...Argument()` functions below,
 * which `lib/constructs/etl/etl-jobs.ts` passes) and the local runner (`local/`, used by the tests and
 * `npm run pipeline:local`) executes the same plan on DuckDB, so the tested sequence is the deployed one.
 */

/** Landing file formats, by file extension. */
export type LandingFormat = 'csv' | 'json';

export const LANDING_FILE_EXTENSIONS: Readonly<Record<LandingFormat, readonly string[]>> = {
  csv: ['csv'],
  json: ['json', 'jsonl'],
};

/**
 * Under each raw dataset's prefix, the landing files the landing-to-raw job has read (`source_file`), written after the
 * data: a run reads only landing files not listed there. Spark, Athena and the crawler skip folders starting with `_`.
 */
export const INGESTED_FILES_PREFIX = '_ingested_files';

/** Partition column of the raw datasets written by the landing-to-raw job: the day of the run. */
export const INGEST_DATE_COLUMN = 'ingest_date';

/** A landing dataset: files under `<dataset.name>/` in the landing zone, validated by `sql` into the raw zone. */
export interface LandingSource {
  readonly dataset: Dataset;
  readonly formats: readonly LandingFormat[];
  /** Validation query over view `landing_<name>`: the typed contract columns plus `source_file`, `raw_record`, `reject_reason`. */
  readonly sql: string;
}

export const LANDING_SOURCES: readonly LandingSource[] = [
  { dataset: PRODUCT, formats: ['csv'], sql: 'raw_products.sql' },
  { dataset: CUSTOMER, formats: ['csv'], sql: 'raw_customers.sql' },
  { dataset: ORDER_LINE_EXPORT, formats: ['csv', 'json'], sql: 'raw_order_line_exports.sql' },
  { dataset: CLICK_EVENT, formats: ['json'], sql: 'raw_clickstream.sql' },
];

/** A raw dataset the raw-to-curated job reads as view `raw_<name>`. */
export interface RawSource {
  readonly dataset: Dataset;
  /** Parquet written by the landing-to-raw job, or JSON Lines written by Firehose (CDC). */
  readonly format: 'parquet' | 'json';
  /** Its partition column, as the files' paths carry it. */
  readonly partitionKey: string;
}

export const RAW_SOURCES: readonly RawSource[] = [
  ...LANDING_SOURCES.map((s) => ({ dataset: s.dataset, format: 'parquet' as const, partitionKey: INGEST_DATE_COLUMN })),
  { dataset: ORDER_CHANGE, format: 'json', partitionKey: 'event_date' },
];

/**
 * Under the curated zone, per raw dataset, the raw files the raw-to-curated job has merged (`source_file`), written
 * after the curated tables and the change batches: a run reads only raw files not listed there.
 */
export const CURATED_LEDGER_PREFIX = '_raw_files_curated';

/** Where the change batches of each change table are, in the curated zone: `changes/<table>/batch_id=<batch>/`. */
export const CHANGES_PREFIX = 'changes';

/**
 * One statement of the raw-to-curated job, in order. A query's result becomes view `view`, materialized at once (later
 * steps change the tables it read); a merge applies such a view to the curated table `merges`.
 */
export type CuratedStep =
  | { readonly sql: string; readonly view: string }
  | { readonly sql: string; readonly merges: Dataset };

/**
 * The curated tables: Iceberg tables in the Glue catalog (created by the job when missing), DuckDB tables locally.
 * Partitioned by their contract's partition keys.
 */
export const CURATED_TABLES: readonly Dataset[] = [
  CURATED_PRODUCTS, CURATED_CUSTOMERS, ORDER_VERSIONS, CURATED_ORDER_LINES, CURATED_ORDERS, CATEGORY_REVENUE_DAILY, CURATED_CLICKSTREAM,
];

export const CURATED_STEPS: readonly CuratedStep[] = [
  { sql: 'products_changes.sql', view: 'products_changes' },
  { sql: 'merge_products.sql', merges: CURATED_PRODUCTS },
  { sql: 'customers_changes.sql', view: 'customers_changes' },
  { sql: 'merge_customers.sql', merges: CURATED_CUSTOMERS },
  { sql: 'order_versions_changes.sql', view: 'order_versions_changes' },
  { sql: 'merge_order_versions.sql', merges: ORDER_VERSIONS },
  { sql: 'touched_orders.sql', view: 'touched_orders' },
  { sql: 'order_lines_changes.sql', view: 'order_lines_changes' },
  { sql: 'merge_order_lines.sql', merges: CURATED_ORDER_LINES },
  { sql: 'orders_changes.sql', view: 'orders_changes' },
  { sql: 'merge_orders.sql', merges: CURATED_ORDERS },
  { sql: 'category_revenue_daily_changes.sql', view: 'category_revenue_daily_changes' },
  { sql: 'merge_category_revenue_daily.sql', merges: CATEGORY_REVENUE_DAILY },
  { sql: 'clickstream_changes.sql', view: 'clickstream_changes' },
  { sql: 'merge_clickstream.sql', merges: CURATED_CLICKSTREAM },
];

/** The change batches a run writes once every merge is done, each from a view of the steps: what the warehouse loads. */
export interface ChangeFeed {
  readonly view: string;
  readonly table: Dataset;
}

export const CHANGE_FEEDS: readonly ChangeFeed[] = [
  { view: 'products_changes', table: PRODUCT_CHANGES },
  { view: 'customers_changes', table: CUSTOMER_CHANGES },
  { view: 'orders_changes', table: ORDER_CHANGES_FEED },
  { view: 'category_revenue_daily_changes', table: CATEGORY_REVENUE_CHANGES },
];

/** A batch id: the run's start, UTC, fixed width, so that batch ids sort as the runs ran. */
export function changeBatchId(runTime: Date): string {
  const iso = runTime.toISOString();
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}${iso.slice(20, 23)}000Z`;
}

/** Every `.sql` file the jobs run, each deployed with its job. */
export const LANDING_TO_RAW_SQL_FILES = LANDING_SOURCES.map((s) => s.sql);
export const RAW_TO_CURATED_SQL_FILES = CURATED_STEPS.map((s) => s.sql);

/** Allowed values of the dataset's enumerated columns, as the validation queries read them from view `allowed_values`. */
export function allowedValues(dataset: Dataset): Record<string, readonly string[]> {
  return Object.fromEntries(dataset.columns.filter((c) => c.allowedValues).map((c) => [c.name, c.allowedValues!]));
}

/** The `--landing_sources` argument of the landing-to-raw job. */
export function landingSourcesArgument(): string {
  return JSON.stringify(LANDING_SOURCES.map((s) => ({
    name: s.dataset.name,
    columns: columnNames(s.dataset),
    extensions: Object.fromEntries(s.formats.map((f) => [f, LANDING_FILE_EXTENSIONS[f]])),
    sql: s.sql,
    allowed_values: allowedValues(s.dataset),
  })));
}

/** The `--raw_sources` argument of the raw-to-curated job: where each raw view comes from, with its contract schema. */
export function rawSourcesArgument(): string {
  return JSON.stringify(RAW_SOURCES.map((s) => ({
    name: s.dataset.name,
    format: s.format,
    schema: sparkSchema(s.dataset, [rawPartitionColumn(s)]),
  })));
}

/** The `--curated_steps` argument of the raw-to-curated job. */
export function curatedStepsArgument(): string {
  return JSON.stringify(CURATED_STEPS.map((s) => ('view' in s ? { sql: s.sql, view: s.view } : { sql: s.sql, merges: s.merges.name })));
}

/** The `--curated_tables` argument: each curated table with its contract schema and partition keys, created when missing. */
export function curatedTablesArgument(): string {
  return JSON.stringify(CURATED_TABLES.map((t) => ({
    name: t.name,
    schema: sparkSchema(t, t.partitionKeys ?? []),
    partition_keys: (t.partitionKeys ?? []).map((k) => k.name),
  })));
}

/** The `--change_feeds` argument: the view each change table's batch is written from, and its columns in order. */
export function changeFeedsArgument(): string {
  return JSON.stringify(CHANGE_FEEDS.map((f) => ({ view: f.view, table: f.table.name, columns: f.table.columns.map((c) => c.name) })));
}

/** The partition column of a raw source: the contract's own, or the ingest date the landing-to-raw job adds. */
export function rawPartitionColumn(source: RawSource): Column {
  return source.dataset.partitionKeys?.find((k) => k.name === source.partitionKey)
    ?? { name: source.partitionKey, type: 'string', description: 'Day of the landing-to-raw run, yyyy-MM-dd' };
}
