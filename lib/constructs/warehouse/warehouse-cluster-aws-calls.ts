import { type AwsCall, glueCatalogResources, viaService } from '../../aws-call';
import { CHANGES_PREFIX } from '../../etl/glue-job-plan';
import { WAREHOUSE_TABLES } from '../../warehouse/warehouse-tables';

/**
 * Every AWS call Redshift makes as the cluster's lake role (the COPY role of warehouse-cluster.ts) when the load
 * (warehouse/load/stage/) reads the change batches of the curated zone through Redshift Spectrum: the external schema
 * on the curated database, each change table's definition and partitions, then the batches' Parquet files.
 * Placeholders: `{curatedBucket}` is the ARN of the curated zone, `{lakeKey}` of its key, `{curatedDatabase}` the name
 * of the curated database.
 */
export const WAREHOUSE_COPY_CALLS: readonly AwsCall[] = [
  { action: 's3:GetBucketLocation', resource: '{curatedBucket}', why: 'Spectrum checks that the bucket is in the cluster\'s region' },
  { action: 'kms:Decrypt', resource: '{lakeKey}', context: viaService('s3'), why: 'S3 decrypts the change batches (SSE-KMS) for Spectrum' },
  { action: 'glue:GetDatabase', resource: glueCatalogResources('{curatedDatabase}'), why: 'CREATE EXTERNAL SCHEMA ... FROM DATA CATALOG looks up the curated database' },
  ...WAREHOUSE_TABLES.flatMap(({ changes }) => {
    const prefix = `${CHANGES_PREFIX}/${changes.name}/`;
    return [
      ...['glue:GetTable', 'glue:GetPartitions'].map((action) => ({
        action, resource: glueCatalogResources('{curatedDatabase}', changes.name), why: `Spectrum reads ${changes.name}'s definition and batches`,
      })),
      { action: 's3:ListBucket', resource: '{curatedBucket}', context: { 's3:prefix': prefix }, why: `Spectrum lists the files of the batches of ${changes.name}` },
      { action: 's3:GetObject', resource: `{curatedBucket}/${prefix}batch_id=20250131T020000000000Z/part-00000.snappy.parquet`, why: `Spectrum reads a batch of ${changes.name}` },
    ];
  }),
];
