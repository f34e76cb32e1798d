import { Match, Template } from 'aws-cdk-lib/assertions';
import { columnNames, CURATED_ORDERS, ORDER_LINE_EXPORT } from '../../../lib/contracts';
import * as kms from 'aws-cdk-lib/aws-kms';
import { DataLake } from '../../../lib/constructs/lake/data-lake';
import { EmailHashKey } from '../../../lib/constructs/streaming/email-hash-key';
import {
  DEFAULT_JOB_LOG_RETENTION, DEFAULT_JOB_TIMEOUT, DEFAULT_MAX_RETRIES, DEFAULT_MAX_WORKERS, DEFAULT_WORKER_TYPE, EtlJobs,
  MAX_CONCURRENT_RUNS,
} from '../../../lib/constructs/etl/etl-jobs';
import { LakeCatalog } from '../../../lib/constructs/lake/lake-catalog';
import {
  changeFeedsArgument, curatedStepsArgument, curatedTablesArgument, INGESTED_FILES_PREFIX, LANDING_TO_RAW_SQL_FILES, landingSourcesArgument,
  RAW_TO_CURATED_SQL_FILES, rawSourcesArgument,
} from '../../../lib/etl/glue-job-plan';
import { landingReaderArgument } from '../../../lib/etl/landing-reader';
import { newTestStack } from '../../support/pipeline-app';
import { etlTestApp } from './etl-test-app';
import { stageNames } from '../../../lib/constructs/private/stage-names';

const prod = etlTestApp('prod');
const dev = etlTestApp('dev');
const stack = prod.etl;
const { lake, catalog } = prod.lake;
const { ordersSource } = prod;
const emailHashKey = ordersSource.emailHashKey.secret;
type StackOutputReference = { 'Fn::GetStackOutput': { StackName: string; OutputName: string } };
/** What a cross-stack reference in the ETL template resolves to in the orders-source stack. */
const inOrdersSource = (reference: StackOutputReference) => {
  expect(reference['Fn::GetStackOutput'].StackName).toBe(ordersSource.stackName);
  return Template.fromStack(ordersSource).toJSON().Outputs[reference['Fn::GetStackOutput'].OutputName].Value;
};
const jobNamed = (name: string) => Match.objectLike({ Name: `ecommerce_prod_${name}` });
const jobProperties = (name: string) =>
  Object.values(prod.template().findResources('AWS::Glue::Job', { Properties: jobNamed(name) }))[0].Properties;
const expectJob = (name: string, properties: Record<string, unknown>) =>
  prod.template().hasResourceProperties('AWS::Glue::Job', { Name: `ecommerce_prod_${name}`, ...properties });

describe.each(['landing_to_raw', 'raw_to_curated'])('job %s', (name) => {
  test('runs its script from glue-scripts on Glue 5.0 with Python 3', () => {
    expectJob(name, { GlueVersion: '5.0', Command: { Name: 'glueetl', PythonVersion: '3', ScriptLocation: Match.anyValue() } });
  });

  test('uses the stage worker type with auto scaling up to the stage maximum', () => {
    expectJob(name, {
      WorkerType: prod.config.etl.workerType,
      NumberOfWorkers: prod.config.etl.maxWorkers,
      DefaultArguments: Match.objectLike({ '--enable-auto-scaling': 'true' }),
    });
  });

  test('has no job bookmarks (the landing job keeps a ledger), the catalog security configuration, one run at a time, the stage timeout and retries', () => {
    expectJob(name, {
      DefaultArguments: Match.objectLike({ '--job-bookmark-option': 'job-bookmark-disable' }),
      SecurityConfiguration: stack.resolve(catalog.securityConfiguration.securityConfigurationName),
      ExecutionProperty: { MaxConcurrentRuns: MAX_CONCURRENT_RUNS },
      Timeout: prod.config.etl.jobTimeoutMinutes,
      MaxRetries: prod.config.etl.jobMaxRetries,
    });
  });

  test('logs, as Glue 5.0 does, to the jobs\' encrypted log groups, in streams named after the script', () => {
    expectJob(name, {
      DefaultArguments: Match.objectLike({
        '--custom-logGroup-prefix': '/aws-glue/jobs/ecommerce_prod',
        '--custom-logStream-prefix': name,
      }),
    });
    expect(Object.keys(jobProperties(name).DefaultArguments).filter((arg) => arg.includes('continuous'))).toEqual([]);
  });

  test('runs on standard capacity in prod', () => {
    expect(jobProperties(name).ExecutionClass).toBeUndefined();
  });
});

test('dev runs both jobs with Flex execution', () => {
  const jobs = Object.values(dev.template().findResources('AWS::Glue::Job'));
  expect(jobs.map((j) => j.Properties.ExecutionClass)).toEqual(['FLEX', 'FLEX']);
});

test.each(['error', 'output'])('the %s log group Glue 5.0 writes to keeps logs as long as the stage says, encrypted with the Glue key', (kind) => {
  prod.template().hasResourceProperties('AWS::Logs::LogGroup', {
    LogGroupName: `/aws-glue/jobs/ecommerce_prod/${kind}`,
    RetentionInDays: prod.config.logRetentionDays,
    KmsKeyId: stack.resolve(catalog.glueKey.keyArn),
  });
});

describe('arguments', () => {
  test('landing -> raw gets its buckets and the landing plan derived from the contracts', () => {
    expectJob('landing_to_raw', {
      DefaultArguments: Match.objectLike({
        '--landing_bucket': stack.resolve(lake.landing.bucket.bucketName),
        '--raw_bucket': stack.resolve(lake.raw.bucket.bucketName),
        '--quarantine_bucket': stack.resolve(lake.quarantine.bucket.bucketName),
        '--landing_sources': landingSourcesArgument(),
        '--landing_reader': landingReaderArgument(),
        '--ingested_files_prefix': INGESTED_FILES_PREFIX,
      }),
    });
    const args = jobProperties('landing_to_raw').DefaultArguments;
    const exports = JSON.parse(args['--landing_sources']).find((s: { name: string }) => s.name === ORDER_LINE_EXPORT.name);
    expect(exports.columns).toEqual(columnNames(ORDER_LINE_EXPORT));
  });

  test('raw -> curated gets its buckets, the curated database, the raw schemas, the tables, steps and change tables, and Iceberg', () => {
    expectJob('raw_to_curated', {
      DefaultArguments: Match.objectLike({
        '--raw_bucket': stack.resolve(lake.raw.bucket.bucketName),
        '--curated_bucket': stack.resolve(lake.curated.bucket.bucketName),
        '--curated_database': stack.resolve(catalog.curatedDatabase.databaseName),
        '--raw_sources': rawSourcesArgument(),
        '--curated_tables': curatedTablesArgument(),
        '--curated_steps': curatedStepsArgument(),
        '--change_feeds': changeFeedsArgument(),
        '--curated_ledger_prefix': '_raw_files_curated',
        '--changes_prefix': 'changes',
        '--enable-glue-datacatalog': 'true',
        '--datalake-formats': 'iceberg',
      }),
    });
    const args = jobProperties('raw_to_curated').DefaultArguments;
    const orders = JSON.parse(args['--curated_tables']).find((t: { name: string }) => t.name === CURATED_ORDERS.name);
    expect(orders).toMatchObject({ partition_keys: ['order_date'] });
    expect(orders.schema).toContain('`order_total` DECIMAL(12,2)');
    expect(JSON.parse(args['--change_feeds'])).toContainEqual({ view: 'orders_changes', table: 'orders_changes', columns: [...columnNames(CURATED_ORDERS), 'change_type'] });
  });

  test('raw -> curated gets the ARN of the e-mail hash key of the orders source, landing -> raw does not', () => {
    expect(inOrdersSource(jobProperties('raw_to_curated').DefaultArguments['--email_hash_key_secret_arn'])).toEqual(ordersSource.resolve(emailHashKey.secretArn));
    expect(jobProperties('landing_to_raw').DefaultArguments['--email_hash_key_secret_arn']).toBeUndefined();
  });

  test.each([
    ['landing_to_raw', LANDING_TO_RAW_SQL_FILES],
    ['raw_to_curated', RAW_TO_CURATED_SQL_FILES],
  ])('%s gets each of its .sql files with --extra-files, and the name Glue stages each under in --sql_files', (name, files) => {
    const args = jobProperties(name).DefaultArguments;
    const stagedNames = JSON.stringify(args['--extra-files']).match(/[0-9a-f]{64}\.sql/g);
    const sqlFiles: Record<string, string> = JSON.parse(args['--sql_files']);
    expect(Object.keys(sqlFiles)).toEqual(files);
    expect(Object.values(sqlFiles).sort()).toEqual([...stagedNames!].sort());
  });
});

describe('least privilege', () => {
  // A policy too large for one inline policy overflows into managed policies of the role.
  const statementsOf = (roleName: string) => ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy']
    .flatMap((type) => Object.values(prod.template().findResources(type, { Properties: { Roles: [stack.resolve(roleName)] } })))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Array<{ Action: string | string[]; Resource: unknown }>);
  const grantsOn = (roleName: string, bucketName: string) =>
    statementsOf(roleName).filter((s) => JSON.stringify(s.Resource).includes(JSON.stringify(stack.resolve(bucketName)).slice(1, -1)));

  // The jobs' stack names each zone's bucket by the lake stack's output of it, whose name carries the bucket's logical id.
  const onZone = (statement: { Resource: unknown }, zone: 'Landing' | 'Raw' | 'Curated') => JSON.stringify(statement.Resource).includes(`DataLake${zone}Bucket`);

  test('landing -> raw cannot touch the curated zone', () => {
    const statements = statementsOf(stack.jobs.landingToRaw.role.roleName);
    expect(statements.filter((s) => onZone(s, 'Raw'))).not.toEqual([]);
    expect(statements.filter((s) => onZone(s, 'Curated'))).toEqual([]);
  });

  test('raw -> curated only reads the raw zone, and may create and commit the tables of the curated database', () => {
    const statements = statementsOf(stack.jobs.rawToCurated.role.roleName);
    const rawActions = statements.filter((s) => onZone(s, 'Raw')).flatMap((s) => [s.Action].flat());
    expect(rawActions).toContain('s3:GetObject');
    expect(rawActions).not.toContain('s3:PutObject');
    expect(statements.flatMap((s) => [s.Action].flat())).toEqual(expect.arrayContaining(['glue:BatchCreatePartition', 'glue:CreateTable', 'glue:UpdateTable']));
  });

  test('raw -> curated may write only under its tables, its change batches and its ledger, listing only those', () => {
    // The job's stack names the curated bucket by the lake stack's output of its ARN.
    const curated = statementsOf(stack.jobs.rawToCurated.role.roleName).filter((s) => onZone(s, 'Curated'));
    const writes = curated.filter((s) => [s.Action].flat().includes('s3:PutObject'));
    expect(writes).toHaveLength(1);
    const objectPrefixes = [writes[0].Resource].flat().map((arn) => JSON.stringify(arn).match(/"\/([^"]*)\*"\]\]\}$/)?.[1]);
    const prefixes = ['products/', 'customers/', 'order_versions/', 'order_lines/', 'orders/', 'category_revenue_daily/', 'clickstream/',
      'changes/', '_raw_files_curated/'];
    expect([...objectPrefixes].sort()).toEqual([...prefixes].sort());
    const list = curated.find((s) => s.Action === 's3:ListBucket') as unknown as { Condition: { StringLike: { 's3:prefix': string[] } } };
    expect(Object.keys(list.Condition)).toEqual(['StringLike']);
    expect([...list.Condition.StringLike['s3:prefix']].sort()).toEqual(prefixes.map((p) => `${p}*`).sort());
  });

  test('raw -> curated may read the e-mail hash key secret and nothing else of Secrets Manager', () => {
    const secretStatements = statementsOf(stack.jobs.rawToCurated.role.roleName).filter((s) => JSON.stringify(s.Action).includes('secretsmanager:'));
    expect(secretStatements).toHaveLength(1);
    expect(secretStatements[0].Action).toBe('secretsmanager:GetSecretValue');
    expect(inOrdersSource(secretStatements[0].Resource as StackOutputReference)).toEqual(ordersSource.resolve(emailHashKey.secretArn));
  });

  test('raw -> curated may decrypt with the secret\'s key only through Secrets Manager', () => {
    const statements = statementsOf(stack.jobs.rawToCurated.role.roleName) as Array<{ Action: string; Resource: StackOutputReference; Condition?: unknown }>;
    const onSecretKey = statements.filter((s) => JSON.stringify(s.Resource).includes(ordersSource.stackName));
    const decrypt = onSecretKey.find((s) => s.Action === 'kms:Decrypt');
    expect(decrypt).toBeDefined();
    expect(inOrdersSource(decrypt!.Resource)).toEqual(ordersSource.resolve(emailHashKey.encryptionKey!.keyArn));
    expect(decrypt!.Condition).toEqual({ StringEquals: { 'kms:ViaService': `secretsmanager.${prod.config.region}.amazonaws.com` } });
    expect(onSecretKey.map((s) => s.Action).sort()).toEqual(['kms:Decrypt', 'secretsmanager:GetSecretValue']);
  });

  test('landing -> raw cannot read the e-mail hash key', () => {
    expect(JSON.stringify(statementsOf(stack.jobs.landingToRaw.role.roleName))).not.toContain(ordersSource.stackName);
  });

  test('no job role has a wildcard action on the lake buckets', () => {
    for (const role of [stack.jobs.landingToRaw.role, stack.jobs.rawToCurated.role]) {
      for (const zone of [lake.landing, lake.raw, lake.curated, lake.quarantine]) {
        const actions = grantsOn(role.roleName, zone.bucket.bucketArn).flatMap((s) => [s.Action].flat());
        expect(actions.filter((a) => a.includes('*'))).toEqual([]);
      }
    }
  });
});

describe('EtlJobs without optional props', () => {
  const defaultsStack = newTestStack();
  const defaultsLake = new DataLake(defaultsStack, 'Lake');
  new EtlJobs(defaultsStack, 'Jobs', {
    lake: defaultsLake,
    catalog: new LakeCatalog(defaultsStack, 'Catalog', { lake: defaultsLake, names: stageNames('defaults') }),
    emailHashKey: new EmailHashKey(defaultsStack, 'EmailHashKey', { encryptionKey: new kms.Key(defaultsStack, 'Key') }).secret,
    namePrefix: 'defaults',
  });
  const defaults = Template.fromStack(defaultsStack);
  const expectEveryJob = (properties: Record<string, unknown>) => {
    for (const script of ['landing_to_raw', 'raw_to_curated']) {
      defaults.hasResourceProperties('AWS::Glue::Job', { Name: `defaults_${script}`, ...properties });
    }
  };

  test('every job runs on G.1X workers, the smallest Glue 5 offers for Spark', () => {
    expectEveryJob({ WorkerType: 'G.1X' });
    expect(DEFAULT_WORKER_TYPE).toBe('G.1X');
  });

  test('every job scales up to 10 workers', () => {
    expectEveryJob({ NumberOfWorkers: 10 });
    expect(DEFAULT_MAX_WORKERS).toBe(10);
  });

  test('no job is retried by Glue: the state machine decides what to retry', () => {
    expectEveryJob({ MaxRetries: 0 });
    expect(DEFAULT_MAX_RETRIES).toBe(0);
  });

  test('every job stops after 60 minutes, instead of Glue\'s 48 hours, so a stuck run costs an hour at most', () => {
    expectEveryJob({ Timeout: 60 });
    expect(DEFAULT_JOB_TIMEOUT.toMinutes()).toBe(60);
  });

  test('every job runs on standard capacity', () => {
    expectEveryJob({ ExecutionClass: Match.absent() });
  });

  test('the job logs are kept for 30 days', () => {
    defaults.hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: '/aws-glue/jobs/defaults/output', RetentionInDays: 30 });
    expect(DEFAULT_JOB_LOG_RETENTION).toBe(30);
  });
});
