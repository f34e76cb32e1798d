import * as glue from 'aws-cdk-lib/aws-glue';
import { Construct } from 'constructs';
import { type Column, CURATED_DATASETS } from '../contracts';
import { glueColumns, gluePartitionKeys } from '../contracts/glue-columns';
import type { CuratedTablesProps } from './curated-tables-props';

export const DEFAULT_PROJECTION_START = '2024-01-01';
export const DATE_PARTITION_FORMAT = 'yyyy-MM-dd';

/**
 * The curated tables in the Glue catalog, declared from the data contracts (columns, types, comments, partition keys)
 * so Athena and Redshift Spectrum read them without a crawler. Daily partitions are projected for Athena (no partition
 * listing); Spectrum reads the partitions the raw-to-curated job registers.
 */
export class CuratedTables extends Construct {
  /** The tables by dataset name. */
  public readonly tables: Readonly<Record<string, glue.S3Table>>;

  constructor(scope: Construct, id: string, props: CuratedTablesProps) {
    super(scope, id);
    const projectionStart = props.projectionStart ?? DEFAULT_PROJECTION_START;
    const tables: Record<string, glue.S3Table> = {};
    for (const dataset of props.datasets ?? CURATED_DATASETS) {
      tables[dataset.name] = new glue.S3Table(this, pascalCase(dataset.name), {
        database: props.catalog.curatedDatabase,
        tableName: dataset.name,
        description: dataset.description,
        columns: glueColumns(dataset),
        partitionKeys: gluePartitionKeys(dataset),
        dataFormat: glue.DataFormat.PARQUET,
        compressed: true,
        storage: glue.S3TableStorage.fromBucket(props.lake.curated.bucket),
        s3Prefix: `${dataset.name}/`,
        partitionProjection: projection(dataset.partitionKeys ?? [], projectionStart),
      });
    }
    this.tables = tables;
  }
}

function projection(partitionKeys: readonly Column[], start: string): glue.PartitionProjection | undefined {
  const dateKeys = partitionKeys.filter((k) => k.type === 'date');
  if (dateKeys.length === 0 || dateKeys.length !== partitionKeys.length) return undefined;
  return Object.fromEntries(dateKeys.map((k) => [k.name, glue.PartitionProjectionConfiguration.date({
    min: start,
    max: 'NOW',
    format: DATE_PARTITION_FORMAT,
    step: { interval: 1, intervalUnit: glue.DateIntervalUnit.DAYS },
  })]));
}

function pascalCase(name: string): string {
  return name.split('_').map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join('');
}
