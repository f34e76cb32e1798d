import { type AwsCall, viaService } from '../aws-call';
import { curatedPrefix } from '../warehouse/load-plan';
import { WAREHOUSE_TABLES } from '../warehouse/warehouse-tables';

/**
 * Every AWS call Redshift makes as the COPY role (warehouse-cluster.ts) when the load's COPY statements
 * (warehouse/load/stage/copy.sql) read the curated zone, one dataset partition at a time. Placeholders:
 * `{curatedBucket}` is the ARN of the curated zone and `{lakeKey}` of its key.
 */
export const WAREHOUSE_COPY_CALLS: readonly AwsCall[] = [
  { action: 's3:GetBucketLocation', resource: '{curatedBucket}', why: 'COPY checks that the bucket is in the cluster\'s region' },
  { action: 'kms:Decrypt', resource: '{lakeKey}', context: viaService('s3'), why: 'S3 decrypts the curated Parquet files (SSE-KMS) for COPY' },
  ...WAREHOUSE_TABLES.flatMap(({ dataset }) => {
    const prefix = curatedPrefix(dataset, '2025-01-31');
    return [
      { action: 's3:ListBucket', resource: '{curatedBucket}', context: { 's3:prefix': prefix }, why: `COPY FROM 's3://<curated>/${prefix}' lists the files` },
      { action: 's3:GetObject', resource: `{curatedBucket}/${prefix}part-00000-0.c000.snappy.parquet`, why: `COPY reads the Parquet files of ${dataset.name}` },
    ];
  }),
];
