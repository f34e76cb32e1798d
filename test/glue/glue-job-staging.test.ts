import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RUN_DATE_JOB_ARGUMENT } from '../../lib/constructs/orchestration/batch-pipeline-state-machine';
import { EMAIL_HASH_KEY_VIEW, hmacPads } from '../../local/email-hash-key-view';
import { columnNames } from '../../lib/contracts';
import {
  CHANGE_FEEDS, CHANGES_PREFIX, CURATED_LEDGER_PREFIX, CURATED_TABLES, INGESTED_FILES_PREFIX, LANDING_FILE_EXTENSIONS, LANDING_SOURCES,
  LANDING_TO_RAW_SQL_FILES, RAW_TO_CURATED_SQL_FILES,
} from '../../lib/etl/glue-job-plan';
import { sparkCsvOptions, sparkJsonLinesOptions } from '../../lib/etl/landing-reader';
import { stageAssembly } from '../support/stage-assembly';
import {
  callsTo, glueArgv, glueJobsOf, type GlueJobUnderTest, type GlueRun, type GlueRunOptions, runStagedGlueJob, scriptArguments,
  sqlStatements,
} from './support/staged-glue-job';

/**
 * Each Glue job of the synthesized assembly runs as Glue stages it (test/glue/support/staged-glue-job.ts): its script
 * and `--extra-files` objects copied under their S3 object names, `sys.argv` from its DefaultArguments plus what Glue
 * and the state machine add, run by Debian's Python against recording stand-ins for awsglue, pyspark and boto3. The SQL
 * itself is tested on DuckDB elsewhere; here the scripts must find it, run it in the plan's order and commit.
 */
const SCRIPTS_DIR = join(__dirname, '../../glue-scripts');
const SCRIPTS = ['landing_to_raw', 'raw_to_curated'] as const;
type Script = (typeof SCRIPTS)[number];
/** What the state machine passes to both jobs at run time. */
const RUN_ARGUMENTS = { [RUN_DATE_JOB_ARGUMENT]: '2026-11-30' };
const E_MAIL_HASH_KEY = 'stand-in-email-hash-key';
/** What raw_to_curated runs besides the plan's files: the catalog, the Iceberg tables, the change batches' partitions. */
const JOB_STATEMENTS = /^(USE glue_catalog\.|CREATE TABLE IF NOT EXISTS |ALTER TABLE spark_catalog\.)/;
/** Read from the repository's scripts (which the assembly stages unchanged) so each argument gets its own test. */
const ARGUMENTS: Record<Script, string[]> = {
  landing_to_raw: scriptArguments(join(SCRIPTS_DIR, 'landing_to_raw.py')),
  raw_to_curated: scriptArguments(join(SCRIPTS_DIR, 'raw_to_curated.py')),
};

let jobs: Record<Script, GlueJobUnderTest>;
let root: string;

beforeAll(() => {
  const { assembly, stack } = stageAssembly('dev');
  const found = glueJobsOf(assembly, stack('etl').id);
  const byScript = (script: Script) => {
    const job = found.find((candidate) => candidate.jobName.endsWith(`_${script}`));
    if (!job) throw new Error(`no Glue job runs ${script}: ${found.map((candidate) => candidate.jobName).join(', ')}`);
    return job;
  };
  jobs = { landing_to_raw: byScript('landing_to_raw'), raw_to_curated: byScript('raw_to_curated') };
  root = mkdtempSync(join(tmpdir(), 'glue-job-staging-'));
});

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

/** A run with the state machine's arguments and a world that holds the e-mail hash key (no data: every read is empty). */
function run(script: Script, options: Partial<GlueRunOptions> = {}): GlueRun {
  const job = jobs[script];
  const secretArn = job.defaultArguments['--email_hash_key_secret_arn'];
  return runStagedGlueJob(job, {
    root,
    runArguments: RUN_ARGUMENTS,
    world: { secrets: secretArn ? { [secretArn]: E_MAIL_HASH_KEY } : {} },
    ...options,
  });
}

/** The plan name -> staged name map the job passes as `--sql_files`. */
function sqlFiles(job: GlueJobUnderTest): Record<string, string> {
  return JSON.parse(job.defaultArguments['--sql_files']);
}

function expectSuccess(result: GlueRun): void {
  expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
}

describe.each(SCRIPTS)('%s', (script) => {
  let result: GlueRun;
  beforeAll(() => {
    result = run(script);
  });

  test('the job stages the repository script and every SQL file of --sql_files under its S3 object name', () => {
    const job = jobs[script];
    expect(readFileSync(job.script.assemblyPath, 'utf8')).toBe(readFileSync(join(SCRIPTS_DIR, `${script}.py`), 'utf8'));
    expect(job.extraFiles.map((file) => file.stagedName).sort()).toEqual(Object.values(sqlFiles(job)).sort());
    for (const [planName, stagedName] of Object.entries(sqlFiles(job))) {
      const file = job.extraFiles.find((candidate) => candidate.stagedName === stagedName)!;
      expect(readFileSync(file.assemblyPath, 'utf8')).toBe(readFileSync(join(SCRIPTS_DIR, 'sql', planName), 'utf8'));
    }
  });

  test('it starts, resolves its arguments and commits the job', () => {
    expectSuccess(result);
    const job = jobs[script];
    const passed = Object.fromEntries(glueArgv(job, RUN_ARGUMENTS).flatMap((value, i, all) => (i % 2 === 0 ? [[value, all[i + 1]]] : [])));
    const [resolve] = callsTo(result, 'getResolvedOptions');
    expect(resolve.args).toEqual([ARGUMENTS[script]]);
    for (const name of ARGUMENTS[script]) expect([name, resolve.resolved?.[name]]).toEqual([name, passed[`--${name}`]]);
    const init = callsTo(result, 'job.init');
    const commit = callsTo(result, 'job.commit');
    expect(init.map((call) => call.args?.[0])).toEqual([job.jobName]);
    expect(commit).toHaveLength(1);
    expect(commit[0].seq).toBeGreaterThan(init[0].seq);
  });

  // Glue starts the script with what the job and the run pass: an argument it asks for and does not get ends the run.
  test.each(ARGUMENTS[script])('without --%s the run fails', (name) => {
    const without = run(script, { withoutArguments: [`--${name}`] });
    expect(without.status).not.toBe(0);
    expect(without.stderr).toMatch(new RegExp(`GlueArgumentError: .*--${name}\\b`));
    expect(callsTo(without, 'job.commit')).toEqual([]);
  });
});

// An argument the script does not ask for is dead configuration, or one it reads without Glue's check.
test.each(SCRIPTS)('every argument the %s job passes to its script (--name, no dash) is one the script asks for', (script) => {
  expect(Object.keys(jobs[script].defaultArguments).filter((name) => /^--[^-]+$/.test(name) && !ARGUMENTS[script].includes(name.slice(2))))
    .toEqual([]);
});

describe('raw_to_curated runs as staged', () => {
  let result: GlueRun;
  beforeAll(() => {
    result = run('raw_to_curated');
  });

  test('every SQL file of the plan reaches spark.sql with the file\'s exact content, in the plan\'s order', () => {
    expectSuccess(result);
    expect(sqlStatements(result).filter((sql) => !JOB_STATEMENTS.test(sql)))
      .toEqual(RAW_TO_CURATED_SQL_FILES.map((file) => readFileSync(join(SCRIPTS_DIR, 'sql', file), 'utf8')));
  });

  test('it configures Iceberg\'s catalog on the Glue Data Catalog, its warehouse in the curated bucket', () => {
    const bucket = jobs.raw_to_curated.defaultArguments['--curated_bucket'];
    expect(jobs.raw_to_curated.defaultArguments['--datalake-formats']).toBe('iceberg');
    const settings = Object.fromEntries(result.events.filter((e) => e.op === 'call' && /SparkConf\(\)(\.set\(\))*\.set$/.test(e.path))
      .map((e) => e.args as [string, string]));
    expect(settings).toEqual({
      'spark.sql.extensions': 'org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions',
      'spark.sql.catalog.glue_catalog': 'org.apache.iceberg.spark.SparkCatalog',
      'spark.sql.catalog.glue_catalog.warehouse': `s3://${bucket}/`,
      'spark.sql.catalog.glue_catalog.catalog-impl': 'org.apache.iceberg.aws.glue.GlueCatalog',
      'spark.sql.catalog.glue_catalog.io-impl': 'org.apache.iceberg.aws.s3.S3FileIO',
    });
  });

  test('it creates each curated Iceberg table when missing, in the curated database, before the first SQL file', () => {
    const { '--curated_database': database, '--curated_bucket': bucket } = jobs.raw_to_curated.defaultArguments;
    const statements = sqlStatements(result);
    expect(statements[0]).toBe(`USE glue_catalog.\`${database}\``);
    const creates = statements.filter((sql) => sql.startsWith('CREATE TABLE IF NOT EXISTS'));
    expect(creates.map((sql) => /^CREATE TABLE IF NOT EXISTS `(\w+)` \(.*\) USING iceberg/.exec(sql)?.[1])).toEqual(CURATED_TABLES.map((t) => t.name));
    expect(creates[CURATED_TABLES.findIndex((t) => t.name === 'orders')]).toContain(`PARTITIONED BY (order_date) LOCATION 's3://${bucket}/orders/'`);
    const firstFile = statements.indexOf(readFileSync(join(SCRIPTS_DIR, 'sql', RAW_TO_CURATED_SQL_FILES[0]), 'utf8'));
    expect(statements.lastIndexOf(creates[creates.length - 1])).toBeLessThan(firstFile);
  });

  test('job.commit() is called once, after the last write', () => {
    const writes = result.events.filter((event) => event.write);
    const commits = callsTo(result, 'job.commit');
    expect(writes).toHaveLength(CHANGE_FEEDS.length);
    expect(commits).toHaveLength(1);
    expect(commits[0].seq).toBeGreaterThan(Math.max(...writes.map((write) => write.seq)));
  });

  test('it reads the e-mail key secret named by its argument', () => {
    const secretArn = jobs.raw_to_curated.defaultArguments['--email_hash_key_secret_arn'];
    expect(secretArn).toMatch(/^arn:aws:secretsmanager:/);
    expect(callsTo(result, 'boto3.client').filter((call) => call.args?.[0] === 'secretsmanager').map((call) => [call.args, call.kwargs]))
      .toEqual([[['secretsmanager'], { region_name: secretArn.split(':')[3] }]]);
    expect(callsTo(result, 'boto3.secretsmanager.get_secret_value').map((call) => call.kwargs)).toEqual([{ SecretId: secretArn }]);
    // The SQL gets the key as the pads of the HMAC, from the secret's value.
    const view = callsTo(result, 'spark.createDataFrame().createOrReplaceTempView').find((call) => call.args?.[0] === EMAIL_HASH_KEY_VIEW)!;
    const frame = callsTo(result, 'spark.createDataFrame').filter((call) => call.seq < view.seq).pop()!;
    const { innerPad, outerPad } = hmacPads(E_MAIL_HASH_KEY);
    expect(frame.args?.[0]).toEqual([[{ $bytes: innerPad.toString('hex') }, { $bytes: outerPad.toString('hex') }]]);
  });

  test('it writes each change table\'s batch under its prefix and registers it as a partition, after the last merge', () => {
    const { '--curated_database': database, '--curated_bucket': bucket } = jobs.raw_to_curated.defaultArguments;
    const lastMerge = Math.max(...callsTo(result, 'spark.sql').filter((call) => String(call.args?.[0]).includes('MERGE INTO')).map((call) => call.seq));
    for (const { table } of CHANGE_FEEDS) {
      const write = result.events.find((event) => event.write?.paths[0]?.startsWith(`s3://${bucket}/${CHANGES_PREFIX}/${table.name}/batch_id=`))!;
      expect(write.write!.paths[0]).toMatch(new RegExp(`/batch_id=\\d{8}T\\d{12}Z/$`));
      const batch = /batch_id=(\w+)\/$/.exec(write.write!.paths[0])![1];
      const register = callsTo(result, 'spark.sql').find((call) =>
        call.args?.[0] === `ALTER TABLE spark_catalog.\`${database}\`.\`${table.name}\` ADD IF NOT EXISTS PARTITION (batch_id = '${batch}')`);
      expect([table.name, lastMerge < write.seq, write.seq < (register?.seq ?? 0)]).toEqual([table.name, true, true]);
    }
  });

  test('it reads only the raw files its ledger does not list, and adds them to the ledger last', () => {
    const { '--raw_bucket': raw, '--curated_bucket': curated } = jobs.raw_to_curated.defaultArguments;
    const file = (name: string) => `s3://${raw}/order_changes/event_date=2026-11-29/${name}`;
    const ledger = `s3://${curated}/${CURATED_LEDGER_PREFIX}/order_changes/`;
    const run2 = run('raw_to_curated', {
      world: {
        secrets: { [jobs.raw_to_curated.defaultArguments['--email_hash_key_secret_arn']]: E_MAIL_HASH_KEY },
        s3_objects: ['old.json', 'new.json'].map((name) => ({ Bucket: raw, Key: `order_changes/event_date=2026-11-29/${name}` })),
        datasets: {
          [ledger]: { columns: ['source_file'], rows: [{ source_file: file('old.json') }] },
          [file('new.json')]: { columns: [], count: 1 },
        },
      },
    });
    expectSuccess(run2);
    expect(run2.events.filter((e) => e.read?.format === 'json').map((e) => e.read!.paths)).toEqual([[file('new.json')]]);
    const ledgerWrite = run2.events.find((e) => e.write?.paths.includes(ledger))!;
    expect(ledgerWrite.seq).toBeGreaterThan(Math.max(...run2.events.filter((e) => e.write && e !== ledgerWrite).map((e) => e.seq)));
  });

  // Glue stages each --extra-files object under its S3 object name (a content hash): a script that opened any other
  // name would find nothing.
  test.each(RAW_TO_CURATED_SQL_FILES)('staged with %s under its plan name instead, the run fails', (file) => {
    const stagedName = sqlFiles(jobs.raw_to_curated)[file];
    const renamed = run('raw_to_curated', { stageAs: { [stagedName]: file } });
    expect(renamed.status).not.toBe(0);
    expect(renamed.stderr).toContain(`FileNotFoundError: [Errno 2] No such file or directory: '${stagedName}'`);
    expect(callsTo(renamed, 'job.commit')).toEqual([]);
  });
});

describe('landing_to_raw runs as staged', () => {
  test('with no landing files it runs no SQL and commits', () => {
    const result = run('landing_to_raw');
    expectSuccess(result);
    expect(sqlStatements(result)).toEqual([]);
    expect(callsTo(result, 'job.commit')).toHaveLength(1);
  });

  /** One new CSV file (and one JSON Lines file where the dataset takes both) per landing dataset. */
  const withLandingFiles = (): Partial<GlueRunOptions> => {
    const bucket = jobs.landing_to_raw.defaultArguments['--landing_bucket'];
    const objects = LANDING_SOURCES.flatMap((source) => source.formats.map((format) => ({ Bucket: bucket, Key: `${source.dataset.name}/new.${LANDING_FILE_EXTENSIONS[format][0]}` })));
    const datasets = Object.fromEntries(objects.map((o) => [`s3://${o.Bucket}/${o.Key}`, { columns: columnNames(LANDING_SOURCES.find((s) => o.Key.startsWith(`${s.dataset.name}/`))!.dataset), count: 1 }]));
    return { world: { s3_objects: objects, datasets } };
  };

  test('with landing files, every SQL file of the plan reaches spark.sql with the file\'s exact content, in the plan\'s order', () => {
    const result = run('landing_to_raw', withLandingFiles());
    expectSuccess(result);
    expect(sqlStatements(result)).toEqual(LANDING_TO_RAW_SQL_FILES.map((file) => readFileSync(join(SCRIPTS_DIR, 'sql', file), 'utf8')));
    const commit = callsTo(result, 'job.commit');
    expect(commit).toHaveLength(1);
    expect(Math.max(...result.events.filter((e) => e.write).map((e) => e.seq))).toBeLessThan(commit[0].seq);
  });

  test('it reads each CSV file with the declared reader options, and JSON Lines as text', () => {
    const result = run('landing_to_raw', withLandingFiles());
    const csvReads = result.events.filter((e) => e.read?.format === 'csv');
    expect(csvReads.length).toBeGreaterThan(0);
    for (const read of csvReads) expect(read.read!.chain.find((step) => step.method === 'options')?.kwargs).toEqual(sparkCsvOptions());
    const textReads = result.events.filter((e) => e.read?.format === 'text');
    expect(textReads.length).toBeGreaterThan(0);
    for (const read of textReads) expect(read.read!.chain.find((step) => step.method === 'options')?.kwargs).toEqual(sparkJsonLinesOptions());
  });

  test('it writes the ledger of the files it read under each dataset\'s raw prefix, after the data', () => {
    const result = run('landing_to_raw', withLandingFiles());
    const raw = jobs.landing_to_raw.defaultArguments['--raw_bucket'];
    for (const source of LANDING_SOURCES) {
      const data = result.events.find((e) => e.write?.paths.includes(`s3://${raw}/${source.dataset.name}/`));
      const ledger = result.events.find((e) => e.write?.paths.includes(`s3://${raw}/${source.dataset.name}/${INGESTED_FILES_PREFIX}/`));
      expect([source.dataset.name, data!.seq < ledger!.seq]).toEqual([source.dataset.name, true]);
    }
  });

  test.each(LANDING_TO_RAW_SQL_FILES)('with landing files, staged with %s under its plan name instead, the run fails', (file) => {
    const stagedName = sqlFiles(jobs.landing_to_raw)[file];
    const renamed = run('landing_to_raw', { ...withLandingFiles(), stageAs: { [stagedName]: file } });
    expect(renamed.status).not.toBe(0);
    expect(renamed.stderr).toContain(`FileNotFoundError: [Errno 2] No such file or directory: '${stagedName}'`);
    expect(callsTo(renamed, 'job.commit')).toEqual([]);
  });
});
