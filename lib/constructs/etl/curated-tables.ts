import * as glue from 'aws-cdk-lib/aws-glue';
import { Construct } from 'constructs';
import { CHANGE_TABLES, CURATED_DATASETS } from '../../contracts';
import { glueColumns, gluePartitionKeys } from '../../contracts/glue-columns';
import { CHANGES_PREFIX } from '../../etl/glue-job-plan';
import type { CatalogTableRef } from './curated-data-quality-props';
import type { CuratedTablesProps } from './curated-tables-props';

/**
 * The curated zone's tables in the Glue catalog. The curated tables are Apache Iceberg tables that the raw-to-curated
 * job creates on its first run (CREATE TABLE IF NOT EXISTS ... USING iceberg, from the contracts), because
 * CloudFormation's IcebergInput cannot declare a partition spec; Athena, Glue Data Quality and Redshift read them by
 * name. The change tables, one per table the warehouse loads, are declared here from the contracts: Parquet under
 * `changes/<table>/`, partitioned by batch, each batch registered by the run that wrote it, read by Redshift Spectrum.
 */
export class CuratedTables extends Construct {
  /** The curated Iceberg tables by dataset name. */
  public readonly tables: Readonly<Record<string, CatalogTableRef>>;
  /** The change tables by name. */
  public readonly changeTables: Readonly<Record<string, glue.S3Table>>;

  constructor(scope: Construct, id: string, props: CuratedTablesProps) {
    super(scope, id);
    const database = props.catalog.curatedDatabase;
    this.tables = Object.fromEntries((props.datasets ?? CURATED_DATASETS).map((d) => [d.name, { database, tableName: d.name }]));
    const changeTables: Record<string, glue.S3Table> = {};
    for (const dataset of CHANGE_TABLES) {
      changeTables[dataset.name] = new glue.S3Table(this, pascalCase(dataset.name), {
        database,
        tableName: dataset.name,
        description: dataset.description,
        columns: glueColumns(dataset),
        partitionKeys: gluePartitionKeys(dataset),
        dataFormat: glue.DataFormat.PARQUET,
        compressed: true,
        storage: glue.S3TableStorage.fromBucket(props.lake.curated.bucket),
        s3Prefix: `${CHANGES_PREFIX}/${dataset.name}/`,
      });
    }
    this.changeTables = changeTables;
  }
}

function pascalCase(name: string): string {
  return name.split('_').map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join('');
}
