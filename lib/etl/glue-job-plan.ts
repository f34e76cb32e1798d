import {
  CATEGORY_REVENUE_DAILY, CLICK_EVENT, type Column, columnNames, CURATED_CLICKSTREAM, CURATED_CUSTOMERS, CURATED_ORDER_LINES,
  CURATED_ORDERS, CURATED_PRODUCTS, CUSTOMER, type Dataset, ORDER_CHANGE, ORDER_LINE_EXPORT, PRODUCT,
} from '../contracts';
import { sparkSchema } from './spark-schema';

/**
 * What the two Glue jobs do, as plain data: which files they read, which `.sql` file (in `glue-scripts/sql/`) turns
 * which temporary views into which output. The jobs receive it as JSON arguments (see `landingToRawArguments` and
 * `rawToCuratedArguments`) and the local runner (lib/local, used by the tests and `npm run pipeline:local`) executes
 * the same plan on DuckDB, so the tested sequence is the deployed one.
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

/** One query of the raw-to-curated job; its result becomes view `view`, and is written when it has an `output`. */
export interface CuratedStep {
  readonly sql: string;
  readonly view: string;
  /** The curated dataset written from the view (full overwrite, partitioned by its partition keys). */
  readonly output?: Dataset;
}

export const CURATED_STEPS: readonly CuratedStep[] = [
  { sql: 'curated_products.sql', view: 'curated_products', output: CURATED_PRODUCTS },
  { sql: 'curated_customers.sql', view: 'curated_customers', output: CURATED_CUSTOMERS },
  { sql: 'latest_orders.sql', view: 'latest_orders' },
  { sql: 'curated_order_lines.sql', view: 'curated_order_lines', output: CURATED_ORDER_LINES },
  { sql: 'curated_orders.sql', view: 'curated_orders', output: CURATED_ORDERS },
  { sql: 'category_revenue_daily.sql', view: 'category_revenue_daily', output: CATEGORY_REVENUE_DAILY },
  { sql: 'curated_clickstream.sql', view: 'curated_clickstream', output: CURATED_CLICKSTREAM },
];

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
  return JSON.stringify(CURATED_STEPS.map((s) => ({
    sql: s.sql,
    view: s.view,
    ...(s.output && {
      table: s.output.name,
      columns: columnNames(s.output),
      partition_keys: (s.output.partitionKeys ?? []).map((k) => k.name),
    }),
  })));
}

/** The partition column of a raw source: the contract's own, or the ingest date the landing-to-raw job adds. */
export function rawPartitionColumn(source: RawSource): Column {
  return source.dataset.partitionKeys?.find((k) => k.name === source.partitionKey)
    ?? { name: source.partitionKey, type: 'string', description: 'Day of the landing-to-raw run, yyyy-MM-dd' };
}
