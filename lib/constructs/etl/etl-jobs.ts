import { DefaultStackSynthesizer, Duration, Stack, Validations } from 'aws-cdk-lib';
import * as glue from 'aws-cdk-lib/aws-glue';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3assets from 'aws-cdk-lib/aws-s3-assets';
import { Construct } from 'constructs';
import { join } from 'node:path';
import { QUARANTINED_RECORD } from '../../contracts';
import {
  changeFeedsArgument, CHANGES_PREFIX, CURATED_LEDGER_PREFIX, CURATED_TABLES, curatedStepsArgument, curatedTablesArgument, INGESTED_FILES_PREFIX,
  LANDING_SOURCES, LANDING_TO_RAW_SQL_FILES, landingSourcesArgument, RAW_SOURCES, RAW_TO_CURATED_SQL_FILES, rawSourcesArgument,
} from '../../etl/glue-job-plan';
import { landingReaderArgument } from '../../etl/landing-reader';
import { glueJobMaxRetriesRule, glueMaxWorkersRule, positiveInt } from '../../config/rules';
import { checkProp } from '../private/prop-checks';
import { waiveControl } from '../private/control-tower-waiver';
import { DEFAULT_DATA_RETENTION, removalPolicyFor } from '../private/data-retention';
import type { EtlJobsProps } from './etl-jobs-props';
import type { LakeZone } from '../lake/lake-zone';
import { acknowledgeWildcardResource } from '../private/wildcard-acknowledgement';
import { allowGlueLogsAndMetrics, glueServiceRole } from '../private/glue-service-role';
import { grantReadSecretOfAnotherStack } from '../private/secret-grants';

export const GLUE_SCRIPTS_DIR = join(__dirname, '../../../glue-scripts');
export const GLUE_VERSION = glue.GlueVersion.V5_0;
export const DEFAULT_WORKER_TYPE = glue.WorkerType.G_1X;
export const DEFAULT_MAX_WORKERS = 10;
export const DEFAULT_MAX_RETRIES = 0;
export const DEFAULT_JOB_TIMEOUT = Duration.hours(1);
export const DEFAULT_JOB_LOG_RETENTION = logs.RetentionDays.ONE_MONTH;
/** One run at a time: a second run would read the same new files and race on the same output. */
export const MAX_CONCURRENT_RUNS = 1;

/**
 * Glue 5.0 writes every job's logs in real time to `<prefix>/error` (system, Spark and GlueLogger logs) and
 * `<prefix>/output` (the script's stdout and stderr), the prefix set by `--custom-logGroup-prefix`; the Glue 4.0
 * continuous-logging arguments do not apply. https://docs.aws.amazon.com/glue/latest/dg/monitor-continuous-logging.html
 */
const GLUE_LOG_KINDS = ['error', 'output'] as const;

/**
 * The two PySpark jobs of the batch pipeline (Glue 5.0, auto scaling up to `maxWorkers`, the catalog's
 * security configuration, logs in the encrypted, retained log groups `/aws-glue/jobs/<namePrefix>/{error,output}`):
 * - landing -> raw reads the landing files its ledger has not seen, with the declared reader (lib/etl/landing-reader.ts),
 *   and validates them into Snappy Parquet by ingest date, quarantining rejected rows and unreadable records;
 * - raw -> curated reads the raw files its ledger has not seen, merges what they change into the curated Iceberg tables
 *   (MERGE INTO; it creates them when missing) and writes each run's batch of changes for the warehouse.
 * Each script gets its `.sql` files with `--extra-files` and its plan (lib/etl/glue-job-plan.ts) as JSON arguments.
 * Glue copies extra files into the driver's working directory under their S3 object names, which for CDK assets are
 * content hashes, so `--sql_files` maps each plan name to its staged name.
 * Each job's role reaches only its own prefixes; raw -> curated also reads the e-mail hash key.
 */
export class EtlJobs extends Construct {
  public readonly landingToRaw: glue.PySparkEtlJob;
  public readonly rawToCurated: glue.PySparkEtlJob;
  /** Where Glue 5.0 writes the jobs' logs, by kind: `error` (system and Spark) and `output` (the scripts' own). */
  public readonly logGroups: Record<(typeof GLUE_LOG_KINDS)[number], logs.LogGroup>;

  constructor(scope: Construct, id: string, props: EtlJobsProps) {
    super(scope, id);
    checkProp(this, 'maxWorkers', props.maxWorkers, glueMaxWorkersRule);
    checkProp(this, 'maxRetries', props.maxRetries, glueJobMaxRetriesRule);
    checkProp(this, 'timeout (minutes)', props.timeout?.toMinutes(), positiveInt);
    const { lake, catalog, namePrefix } = props;
    const stack = Stack.of(this);

    const logGroupPrefix = `/aws-glue/jobs/${namePrefix}`;
    const logGroup = (kind: (typeof GLUE_LOG_KINDS)[number]) => new logs.LogGroup(this, `${kind === 'error' ? 'Error' : 'Output'}LogGroup`, {
      logGroupName: `${logGroupPrefix}/${kind}`,
      retention: props.logRetention ?? DEFAULT_JOB_LOG_RETENTION,
      encryptionKey: catalog.glueKey,
      removalPolicy: removalPolicyFor(props.retention ?? DEFAULT_DATA_RETENTION),
    });
    this.logGroups = { error: logGroup('error'), output: logGroup('output') };
    for (const group of Object.values(this.logGroups)) {
      waiveControl(group, 'cloudwatch_log_group_encrypted_check',
        'Encrypted with the Glue key of the Lake stack, named by Fn::GetStackOutput, which the rule cannot see: it reads literal values only.');
    }

    const job = (jobId: string, script: string, sqlFiles: readonly string[], description: string, args: Record<string, string>) => {
      const role = glueServiceRole(this, `${jobId}Role`, `Glue job ${namePrefix}_${script}`);
      // Bookmarks are encrypted client-side and logs by CloudWatch with the Glue key.
      catalog.glueKey.grant(role, 'kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey');
      allowGlueLogsAndMetrics(role, { logGroups: 'jobs*', encryptedLogGroups: true, metricsNamespace: 'Glue' });
      const sqlAssets = sqlFiles.map((file) => new s3assets.Asset(this, `${jobId}Sql${file}`, { path: join(GLUE_SCRIPTS_DIR, 'sql', file) }));
      const etlJob = new glue.PySparkEtlJob(this, jobId, {
        jobName: `${namePrefix}_${script}`,
        description,
        role,
        script: glue.Code.fromAsset(join(GLUE_SCRIPTS_DIR, `${script}.py`)),
        extraFiles: sqlAssets.map((asset) => glue.Code.fromBucket(asset.bucket, asset.s3ObjectKey)),
        glueVersion: GLUE_VERSION,
        workerConfiguration: { workerType: props.workerType ?? DEFAULT_WORKER_TYPE, numberOfWorkers: props.maxWorkers ?? DEFAULT_MAX_WORKERS },
        maxConcurrentRuns: MAX_CONCURRENT_RUNS,
        maxRetries: props.maxRetries ?? DEFAULT_MAX_RETRIES,
        timeout: props.timeout ?? DEFAULT_JOB_TIMEOUT,
        securityConfiguration: catalog.securityConfiguration,
        continuousLogging: { enabled: false },
        defaultArguments: {
          // Each job keeps its own ledger of the files it has read.
          '--job-bookmark-option': 'job-bookmark-disable',
          '--enable-auto-scaling': 'true',
          '--custom-logGroup-prefix': logGroupPrefix,
          '--custom-logStream-prefix': script,
          '--sql_files': stagedSqlFiles(sqlFiles, sqlAssets),
          ...args,
        },
      });
      if (props.flexExecution ?? false) (etlJob.node.defaultChild as glue.CfnJob).executionClass = 'FLEX';
      waiveControl(etlJob, 'glue_job_security_config_check',
        'The job names the LakeCatalog security configuration of the Lake stack by Fn::GetStackOutput, which the rule cannot see: it reads literal values only.');
      acknowledgeJobRole(role, stack);
      Validations.of(etlJob).acknowledge({
        id: 'AwsSolutions-GL1',
        reason: 'The job uses the LakeCatalog security configuration (Lake stack), which encrypts CloudWatch logs with SSE-KMS; cdk-nag cannot resolve it across stacks.',
      });
      Validations.of(etlJob).acknowledge({
        id: 'AwsSolutions-GL3',
        reason: 'The job uses the LakeCatalog security configuration (Lake stack), which encrypts job bookmarks with CSE-KMS; cdk-nag cannot resolve it across stacks.',
      });
      return etlJob;
    };

    this.landingToRaw = job('LandingToRaw', 'landing_to_raw', LANDING_TO_RAW_SQL_FILES,
      'Validates new landing files into Snappy Parquet in the raw zone; quarantines rejected rows with the reason', {
        '--landing_bucket': lake.landing.bucket.bucketName,
        '--raw_bucket': lake.raw.bucket.bucketName,
        '--quarantine_bucket': lake.quarantine.bucket.bucketName,
        '--landing_sources': landingSourcesArgument(),
        '--landing_reader': landingReaderArgument(),
        '--ingested_files_prefix': INGESTED_FILES_PREFIX,
      });
    const landingPrefixes = LANDING_SOURCES.map((source) => `${source.dataset.name}/`);
    grantPrefixes(this.landingToRaw.role, lake.landing, landingPrefixes, 'read');
    grantPrefixes(this.landingToRaw.role, lake.raw, landingPrefixes, 'readWrite');
    grantPrefixes(this.landingToRaw.role, lake.quarantine, [`${QUARANTINED_RECORD.name}/`], 'readWrite');

    this.rawToCurated = job('RawToCurated', 'raw_to_curated', RAW_TO_CURATED_SQL_FILES,
      'Merges the raw files not yet curated into the curated Iceberg tables; writes the batch of changes the warehouse loads', {
        '--raw_bucket': lake.raw.bucket.bucketName,
        '--curated_bucket': lake.curated.bucket.bucketName,
        '--curated_database': catalog.curatedDatabase.databaseName,
        '--raw_sources': rawSourcesArgument(),
        '--curated_tables': curatedTablesArgument(),
        '--curated_steps': curatedStepsArgument(),
        '--change_feeds': changeFeedsArgument(),
        '--curated_ledger_prefix': CURATED_LEDGER_PREFIX,
        '--changes_prefix': CHANGES_PREFIX,
        '--email_hash_key_secret_arn': props.emailHashKey.secretArn,
        '--enable-glue-datacatalog': 'true',
        // Glue 5.0's own Iceberg libraries; the script configures the catalog.
        '--datalake-formats': 'iceberg',
      });
    grantPrefixes(this.rawToCurated.role, lake.raw, RAW_SOURCES.map((source) => `${source.dataset.name}/`), 'read');
    // Its Iceberg tables (each at <table>/), change batches and ledger: the prefixes it writes, in one grant.
    lake.curated.grantReadWritePrefixes(this.rawToCurated.role,
      [...CURATED_TABLES.map((table) => `${table.name}/`), `${CHANGES_PREFIX}/`, `${CURATED_LEDGER_PREFIX}/`]);
    catalog.grantReadCatalog(this.rawToCurated, catalog.curatedDatabase);
    // Iceberg's Glue catalog creates the tables when missing and commits each merge as an UpdateTable; the change
    // batches are registered as partitions of their tables.
    catalog.grantWriteTables(this.rawToCurated, catalog.curatedDatabase);
    catalog.grantDefaultDatabaseLookup(this.rawToCurated);
    grantReadSecretOfAnotherStack(this.rawToCurated.role, props.emailHashKey);
  }
}

/** The `--sql_files` argument: each plan name of a `.sql` file and the name Glue stages it under (its S3 object name). */
function stagedSqlFiles(sqlFiles: readonly string[], assets: readonly s3assets.Asset[]): string {
  return JSON.stringify(Object.fromEntries(sqlFiles.map((file, i) => [file, assets[i].s3ObjectKey.split('/').pop()])));
}

/** Grants exact actions on each dataset prefix of a zone. */
function grantPrefixes(role: iam.IRole, zone: LakeZone, prefixes: readonly string[], access: 'read' | 'readWrite'): void {
  for (const prefix of prefixes) {
    if (access === 'read') zone.grantRead(role, prefix);
    else zone.grantReadWrite(role, prefix);
  }
}

/** Findings every Glue job role has for reasons outside the lake, its logs and metrics. */
function acknowledgeJobRole(role: iam.IRole, stack: Stack): void {
  const acknowledge = (finding: string, reason: string) => Validations.of(role).acknowledge({ id: `AwsSolutions-IAM5[${finding}]`, reason });
  const assets = 'Glue reads the job script and its .sql files from the CDK asset bucket; aws-cdk-lib grants this read.';
  acknowledge('Action::s3:GetObject*', assets);
  acknowledge('Action::s3:GetBucket*', assets);
  acknowledge('Action::s3:List*', assets);
  acknowledgeWildcardResource(role, `arn:${stack.partition}:s3:::cdk-${DefaultStackSynthesizer.DEFAULT_QUALIFIER}-assets-${stack.account}-${stack.region}/*`, assets);
}
