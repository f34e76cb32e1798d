import { type AwsCall, awsArn, glueCatalogResources, viaService } from '../aws-call';
import { QUARANTINED_RECORD } from '../contracts';
import {
  CHANGE_FEEDS, CHANGES_PREFIX, CURATED_LEDGER_PREFIX, CURATED_TABLES, INGEST_DATE_COLUMN, INGESTED_FILES_PREFIX, LANDING_FILE_EXTENSIONS,
  LANDING_SOURCES, LANDING_TO_RAW_SQL_FILES, RAW_SOURCES, RAW_TO_CURATED_SQL_FILES,
} from './glue-job-plan';

/**
 * Every AWS call made as the role of each Glue job (lib/constructs/etl/etl-jobs.ts): by Glue before the script starts,
 * by the scripts in glue-scripts/, and by Spark on their behalf. Derived from the plan the jobs receive as arguments.
 * Placeholders: `{assetBucket}` is the ARN of the CDK asset bucket, `{script}` and `{sql:<file>}` the object keys of the
 * job's script and `.sql` files there; `{landingBucket}`, `{rawBucket}`, `{quarantineBucket}`, `{curatedBucket}` the
 * ARNs of the zones and `{lakeKey}` of their key; `{errorLogGroup}` and `{outputLogGroup}` the names of the jobs' log groups; `{curatedDatabase}` the name of the curated database;
 * `{emailHashKey}` the ARN of the e-mail hash key and `{emailHashKeyKey}` of the key that encrypts it.
 */

const RUN_DATE = '2025-01-31';
const PARQUET_PART = 'part-00000-0.c000.snappy.parquet';

/** What every job does as its role whatever its script: Glue fetches the code, writes logs and metrics. */
function glueJobCalls(script: string, sqlFiles: readonly string[]): AwsCall[] {
  return [
    { action: 's3:GetObject', resource: '{assetBucket}/{script}', why: 'Glue fetches the job script from the CDK asset bucket as the job role' },
    ...sqlFiles.map((file) => ({
      action: 's3:GetObject', resource: `{assetBucket}/{sql:${file}}`, why: `Glue copies ${file} (--extra-files) into the driver as the job role`,
    })),
    ...['{errorLogGroup}', '{outputLogGroup}'].flatMap((logGroup) => [
      ...['logs:CreateLogStream', 'logs:PutLogEvents'].map((action) => ({
        action, resource: awsArn('logs', `log-group:${logGroup}:log-stream:${script}_jr_0123456789abcdef`),
        why: 'Glue 5.0 writes the run\'s logs under --custom-logGroup-prefix as the job role',
      })),
      {
        action: 'logs:AssociateKmsKey', resource: awsArn('logs', `log-group:${logGroup}`),
        why: 'the security configuration encrypts the job\'s CloudWatch logs with the Glue key',
      },
    ]),
    {
      action: 'cloudwatch:PutMetricData', resource: '*', context: { 'cloudwatch:namespace': 'Glue' },
      why: 'Glue publishes the job\'s metrics (auto scaling) as the job role; PutMetricData takes no resource',
    },
  ];
}

/** Reading and writing objects of the lake, all encrypted with the lake key (SSE-KMS with a bucket key). */
const LAKE_KEY_CALLS: readonly AwsCall[] = [
  { action: 'kms:Decrypt', resource: '{lakeKey}', context: viaService('s3'), why: 'S3 decrypts the objects read (and parts of multipart uploads) as the reader' },
  { action: 'kms:GenerateDataKey', resource: '{lakeKey}', context: viaService('s3'), why: 'S3 encrypts the objects written as the writer' },
];

function bucketLocations(...buckets: string[]): AwsCall[] {
  return buckets.map((bucket) => ({ action: 's3:GetBucketLocation', resource: bucket, why: 'the S3 file system looks up the bucket\'s region' }));
}

/** A Spark write of `folder`: listed (and emptied when overwritten), written, its temporary files removed. */
function sparkWrite(bucket: string, folder: string, object: string, mode: 'append' | 'overwrite'): AwsCall[] {
  return [
    { action: 's3:ListBucket', resource: bucket, context: { 's3:prefix': folder }, why: `Spark lists ${folder} before it writes there` },
    { action: 's3:PutObject', resource: `${bucket}/${folder}${object}`, why: `the job writes ${folder} as Snappy Parquet (${mode})` },
    {
      action: 's3:DeleteObject', resource: `${bucket}/${folder}${mode === 'append' ? `_temporary/0/${PARQUET_PART}` : object}`,
      why: mode === 'append' ? 'Spark\'s commit removes its temporary files' : 'mode(\'overwrite\') removes the previous output first',
    },
  ];
}

export const LANDING_TO_RAW_CALLS: readonly AwsCall[] = [
  ...glueJobCalls('landing_to_raw', LANDING_TO_RAW_SQL_FILES),
  ...bucketLocations('{landingBucket}', '{rawBucket}', '{quarantineBucket}'),
  ...LAKE_KEY_CALLS,
  ...LANDING_SOURCES.flatMap(({ dataset, formats }) => [
    {
      action: 's3:ListBucket', resource: '{landingBucket}', context: { 's3:prefix': `${dataset.name}/` },
      why: 'list_landing_files lists the dataset\'s landing files (boto3 list_objects_v2)',
    },
    {
      action: 's3:GetObject', resource: `{landingBucket}/${dataset.name}/${RUN_DATE}/export.${LANDING_FILE_EXTENSIONS[formats[0]][0]}`,
      why: 'read_new_files reads every landing file the ledger does not list',
    },
    {
      action: 's3:GetObject', resource: `{rawBucket}/${dataset.name}/${INGESTED_FILES_PREFIX}/${PARQUET_PART}`,
      why: 'ingested_files reads the ledger of landing files already read',
    },
    ...sparkWrite('{rawBucket}', `${dataset.name}/`, `${INGEST_DATE_COLUMN}=${RUN_DATE}/${PARQUET_PART}`, 'append'),
    ...sparkWrite('{rawBucket}', `${dataset.name}/${INGESTED_FILES_PREFIX}/`, PARQUET_PART, 'append'),
  ]),
  ...sparkWrite('{quarantineBucket}', `${QUARANTINED_RECORD.name}/`, `dataset=products/ingest_date=${RUN_DATE}/${PARQUET_PART}`, 'append'),
];

export const RAW_TO_CURATED_CALLS: readonly AwsCall[] = [
  ...glueJobCalls('raw_to_curated', RAW_TO_CURATED_SQL_FILES),
  ...bucketLocations('{rawBucket}', '{curatedBucket}'),
  ...LAKE_KEY_CALLS,
  ...RAW_SOURCES.flatMap(({ dataset, format, partitionKey }) => [
    {
      action: 's3:ListBucket', resource: '{rawBucket}', context: { 's3:prefix': `${dataset.name}/` },
      why: 'list_raw_files lists the dataset\'s raw files (boto3 list_objects_v2)',
    },
    {
      action: 's3:GetObject',
      resource: `{rawBucket}/${dataset.name}/${partitionKey}=${RUN_DATE}/${format === 'parquet' ? PARQUET_PART : 'delivery-1-2025-01-31-00-00-00-0123.gz'}`,
      why: `register_raw_view reads the dataset's new ${format === 'parquet' ? 'Parquet' : 'Firehose (JSON Lines, GZIP)'} files`,
    },
    {
      action: 's3:GetObject', resource: `{curatedBucket}/${CURATED_LEDGER_PREFIX}/${dataset.name}/${PARQUET_PART}`,
      why: 'ledger_files reads the ledger of raw files already merged',
    },
    ...sparkWrite('{curatedBucket}', `${CURATED_LEDGER_PREFIX}/${dataset.name}/`, PARQUET_PART, 'append'),
  ]),
  { action: 'secretsmanager:GetSecretValue', resource: '{emailHashKey}', why: 'register_email_hash_key_view reads the HMAC key (boto3 get_secret_value)' },
  { action: 'kms:Decrypt', resource: '{emailHashKeyKey}', context: viaService('secretsmanager'), why: 'Secrets Manager decrypts the HMAC key as the caller' },
  {
    action: 'glue:GetDatabase', resource: glueCatalogResources('default'),
    why: '--enable-glue-datacatalog: the Data Catalog client checks that `default` exists when Spark starts (AWSCatalogMetastoreClient)',
  },
  { action: 'glue:GetDatabase', resource: glueCatalogResources('{curatedDatabase}'), why: 'USE glue_catalog.<curated database>: Iceberg\'s catalog checks it exists' },
  ...CURATED_TABLES.flatMap((table) => [
    { action: 'glue:GetTable', why: 'Iceberg\'s Glue catalog loads the table (its current metadata file)' },
    { action: 'glue:CreateTable', why: 'CREATE TABLE IF NOT EXISTS ... USING iceberg, on the first run' },
    { action: 'glue:UpdateTable', why: 'each MERGE INTO commits by pointing the table at its new metadata file' },
  ].map(({ action, why }): AwsCall => ({ action, resource: glueCatalogResources('{curatedDatabase}', table.name), why }))),
  ...CURATED_TABLES.flatMap((table): AwsCall[] => [
    { action: 's3:ListBucket', resource: '{curatedBucket}', context: { 's3:prefix': `${table.name}/` }, why: 'Iceberg\'s S3FileIO lists the table location' },
    { action: 's3:GetObject', resource: `{curatedBucket}/${table.name}/metadata/00001-0.metadata.json`, why: 'Iceberg reads the table\'s metadata and data files' },
    { action: 's3:PutObject', resource: `{curatedBucket}/${table.name}/data/${PARQUET_PART}`, why: 'MERGE INTO writes data and delete files, then metadata' },
    { action: 's3:DeleteObject', resource: `{curatedBucket}/${table.name}/data/${PARQUET_PART}`, why: 'Iceberg removes the files of a commit that failed' },
  ]),
  ...CHANGE_FEEDS.flatMap(({ table }) => [
    ...sparkWrite('{curatedBucket}', `${CHANGES_PREFIX}/${table.name}/`, `batch_id=20250131T020000000000Z/${PARQUET_PART}`, 'overwrite'),
    ...['glue:GetTable', 'glue:GetPartition', 'glue:BatchCreatePartition'].map((action) => ({
      action, resource: glueCatalogResources('{curatedDatabase}', table.name),
      why: 'ALTER TABLE ... ADD IF NOT EXISTS PARTITION registers the batch for Redshift Spectrum',
    })),
  ]),
];
