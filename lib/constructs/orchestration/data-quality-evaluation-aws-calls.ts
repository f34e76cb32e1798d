import { type AwsCall, awsArn, glueCatalogResources, viaService } from '../../aws-call';
import { CURATED_DATASETS } from '../../contracts';
import { DATA_QUALITY_METRICS_NAMESPACE } from './data-quality-evaluation-role';

/**
 * Every AWS call Glue Data Quality makes as the evaluation role (data-quality-evaluation-role.ts) while it evaluates the
 * ruleset of each curated table (https://docs.aws.amazon.com/glue/latest/dg/data-quality-authorization.html).
 * Placeholders: `{curatedBucket}` is the ARN of the curated zone and `{lakeKey}` of its key, `{curatedDatabase}` the
 * name of the curated database and `{ruleset:<dataset>}` the name of a dataset's ruleset.
 */
export const DATA_QUALITY_EVALUATION_CALLS: readonly AwsCall[] = [
  { action: 's3:GetBucketLocation', resource: '{curatedBucket}', why: 'the evaluation\'s S3 file system looks up the bucket\'s region' },
  { action: 'kms:Decrypt', resource: '{lakeKey}', context: viaService('s3'), why: 'S3 decrypts the curated objects (SSE-KMS) as the reader' },
  {
    action: 'glue:GetDatabase', resource: glueCatalogResources('default'),
    why: 'the evaluation reads tables through Spark\'s Data Catalog client, which checks `default` first',
  },
  { action: 'glue:GetDatabase', resource: glueCatalogResources('{curatedDatabase}'), why: 'the evaluation resolves the table\'s database' },
  {
    action: 'cloudwatch:PutMetricData', resource: '*', context: { 'cloudwatch:namespace': DATA_QUALITY_METRICS_NAMESPACE },
    why: 'the pipeline starts evaluations with CloudWatchMetricsEnabled; PutMetricData takes no resource',
  },
  ...['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'].map((action) => ({
    action, resource: awsArn('logs', 'log-group:/aws-glue/data-quality:log-stream:dqrun-0123456789abcdef'),
    why: 'Glue logs the evaluation to a log group it names under /aws-glue/ (the documented policy grants /aws-glue/*)',
  })),
  ...CURATED_DATASETS.flatMap(({ name }) => [
    ...['glue:GetDataQualityRuleset', 'glue:PublishDataQuality'].map((action) => ({
      action, resource: awsArn('glue', `dataQualityRuleset/{ruleset:${name}}`), why: 'the evaluation reads its ruleset and publishes the results',
    })),
    ...['glue:GetTable', 'glue:GetPartitions'].map((action) => ({
      action, resource: glueCatalogResources('{curatedDatabase}', name), why: `the evaluation reads ${name} (or a referential rule names it) through the catalog`,
    })),
    { action: 's3:ListBucket', resource: '{curatedBucket}', context: { 's3:prefix': `${name}/` }, why: `the evaluation lists the files of ${name}` },
    { action: 's3:GetObject', resource: `{curatedBucket}/${name}/part-00000-0.c000.snappy.parquet`, why: `the evaluation reads the files of ${name}` },
  ]),
];
