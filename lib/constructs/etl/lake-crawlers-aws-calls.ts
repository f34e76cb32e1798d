import { type AwsCall, awsArn, glueCatalogResources, viaService } from '../../aws-call';
import { LANDING_SOURCES, RAW_SOURCES } from '../../etl/glue-job-plan';

/**
 * Every AWS call a crawler of LakeCrawlers makes as its role while it catalogs `datasets` (one table per dataset
 * folder). Placeholders: `{bucket}` is the ARN of the crawled zone and `{lakeKey}` of its key, `{database}` the name of
 * the database the crawler writes, `{roleName}` the name of its role, `{securityConfiguration}` the name of the catalog's
 * security configuration and `{crawler}` the crawler's name.
 */
function lakeCrawlerCalls(datasets: readonly string[]): AwsCall[] {
  // With CloudWatch encryption in the security configuration, Glue logs crawls to /aws-glue/crawlers-role/<role>-<configuration>:
  // https://docs.aws.amazon.com/glue/latest/dg/encryption-security-configuration.html
  const logGroup = 'log-group:/aws-glue/crawlers-role/{roleName}-{securityConfiguration}';
  return [
    { action: 's3:GetBucketLocation', resource: '{bucket}', why: 'the crawler looks up the region of its S3 target' },
    { action: 'kms:Decrypt', resource: '{lakeKey}', context: viaService('s3'), why: 'S3 decrypts the objects the crawler samples (SSE-KMS) as the crawler' },
    ...['glue:GetDatabase', 'glue:GetTables'].map((action) => ({
      action, resource: glueCatalogResources('{database}'), why: 'the crawler reads its database and the tables it already has',
    })),
    ...datasets.flatMap((dataset) => [
      { action: 's3:ListBucket', resource: '{bucket}', context: { 's3:prefix': `${dataset}/` }, why: `the crawler lists its target s3://<zone>/${dataset}/` },
      { action: 's3:GetObject', resource: `{bucket}/${dataset}/2025-01-31/part-00000`, why: 'the crawler reads files to infer their schema' },
      ...[
        { action: 'glue:GetTable', why: 'the crawler compares the folder with the table it made before' },
        { action: 'glue:CreateTable', why: 'the crawler creates the table of a new dataset folder' },
        { action: 'glue:UpdateTable', why: 'the crawler records a crawl on the table (schema changes are only logged)' },
        { action: 'glue:GetPartitions', why: 'the crawler reads the partitions it made before' },
        { action: 'glue:BatchGetPartition', why: 'the crawler looks up the partitions it found' },
        { action: 'glue:BatchCreatePartition', why: 'the crawler adds new partitions' },
        { action: 'glue:BatchUpdatePartition', why: 'partitions inherit the table\'s schema (AddOrUpdateBehavior InheritFromTable)' },
        {
          action: 'glue:CreatePartitionIndex',
          why: 'crawlers create partition indexes by default: https://docs.aws.amazon.com/glue/latest/dg/crawler-configure-partition-indexes.html',
        },
      ].map(({ action, why }) => ({ action, resource: glueCatalogResources('{database}', dataset), why })),
    ]),
    { action: 'logs:CreateLogGroup', resource: awsArn('logs', logGroup), why: 'Glue creates the crawler\'s log group on its first crawl' },
    { action: 'logs:AssociateKmsKey', resource: awsArn('logs', logGroup), why: 'the security configuration encrypts the crawler\'s logs with the Glue key' },
    ...['logs:CreateLogStream', 'logs:PutLogEvents'].map((action) => ({
      action, resource: awsArn('logs', `${logGroup}:log-stream:{crawler}`), why: 'Glue writes each crawl\'s log as the crawler role',
    })),
  ];
}

/** The landing crawler catalogs every landing dataset; the raw one the Parquet datasets of the landing-to-raw job. */
export const LANDING_CRAWLER_CALLS: readonly AwsCall[] = lakeCrawlerCalls(LANDING_SOURCES.map((s) => s.dataset.name));
export const RAW_CRAWLER_CALLS: readonly AwsCall[] = lakeCrawlerCalls(RAW_SOURCES.filter((s) => s.format === 'parquet').map((s) => s.dataset.name));
