import { readdirSync, rmSync } from 'node:fs';
import { CHANGE_FEEDS, CURATED_STEPS, LANDING_SOURCES, LANDING_TO_RAW_SQL_FILES, RAW_TO_CURATED_SQL_FILES } from '../../lib/etl/glue-job-plan';
import { duckdbType } from '../../local/duckdb-types';
import { createLandingViewSql } from '../../local/landing-files';
import { createLocalLake, LocalGlueJobs, readSql, SQL_DIR } from '../../local/local-glue-jobs';
import { sparkSqlErrors, type SparkSqlError } from './support/spark-sql-grammar';

/** The `.sql` files are Spark SQL the jobs can run, and their results have exactly the contract's columns and types. */
const SQL_FILES = readdirSync(SQL_DIR).filter((f) => f.endsWith('.sql')).sort();

test('every .sql file is run by one of the jobs, and every file a job runs exists', () => {
  expect([...LANDING_TO_RAW_SQL_FILES, ...RAW_TO_CURATED_SQL_FILES].sort()).toEqual(SQL_FILES);
});

describe('Spark SQL grammar', () => {
  /** Spark SQL that Spark refuses (QUALIFY is DuckDB's): the check can fail. */
  const NOT_SPARK = 'SELECT * FROM t QUALIFY row_number() OVER (ORDER BY a) = 1';
  const errors = new Map<string, SparkSqlError[]>();

  beforeAll(() => {
    const texts = [...SQL_FILES.map(readSql), NOT_SPARK];
    sparkSqlErrors(texts).forEach((found, i) => errors.set(texts[i], found));
  });

  test.each(SQL_FILES)('%s parses as Spark SQL', (file) => {
    expect(errors.get(readSql(file))).toEqual([]);
  });

  test('the grammar rejects what Spark does not accept (the check can fail)', () => {
    expect(errors.get(NOT_SPARK)).not.toEqual([]);
  });
});

describe('result schemas match the contracts', () => {
  let jobs: LocalGlueJobs;
  const describeView = async (view: string) =>
    (await jobs.query<{ column_name: string; column_type: string }>(`DESCRIBE ${view}`)).map((c) => `${c.column_name} ${c.column_type}`);

  beforeAll(async () => {
    jobs = await LocalGlueJobs.create();
    const lake = createLocalLake();
    await jobs.landingToRaw(lake, { runDate: '2026-03-03', runTime: '2026-03-03T04:00:00Z' });
    await jobs.rawToCurated(lake);
    rmSync(lake.root, { recursive: true, force: true });
  });
  afterAll(() => jobs.close());

  test.each(LANDING_SOURCES.map((s) => [s.sql, s] as const))('%s returns the typed contract columns and the rejection columns', async (_, source) => {
    await jobs.query(createLandingViewSql(source.dataset));
    await jobs.query(`CREATE OR REPLACE TABLE checked AS ${readSql(source.sql)}`);
    expect(await describeView('checked')).toEqual([
      ...source.dataset.columns.map((c) => `${c.name} ${duckdbType(c.type)}`),
      'source_file VARCHAR', 'raw_record VARCHAR', 'reject_reason VARCHAR',
    ]);
  });

  test.each(CHANGE_FEEDS.map((f) => [f.view, f.table] as const))(
    '%s returns the columns of its change table: the curated columns, partition keys last, then the kind of change', async (view, table) => {
      expect(await describeView(view)).toEqual(table.columns.map((c) => `${c.name} ${duckdbType(c.type)}`));
    });

  test.each(CURATED_STEPS.flatMap((s) => ('merges' in s ? [[s.sql, s.merges] as const] : [])))(
    '%s merges a view with exactly the columns of its curated table, partition keys last', async (file, table) => {
      const view = CURATED_STEPS.find((s) => 'view' in s && readSql(file).includes(`USING ${s.view} AS s`));
      expect(view).toBeDefined();
      const columns = (await describeView((view as { view: string }).view)).filter((c) => !c.startsWith('change_type ') && !c.startsWith('from_batch '));
      expect(columns).toEqual([...table.columns, ...(table.partitionKeys ?? [])].map((c) => `${c.name} ${duckdbType(c.type)}`));
    });
});
