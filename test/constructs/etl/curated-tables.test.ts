import { Match } from 'aws-cdk-lib/assertions';
import { CHANGE_TABLES, CURATED_DATASETS, ORDER_CHANGES_FEED } from '../../../lib/contracts';
import { etlTestApp } from './etl-test-app';

const prod = etlTestApp('prod');
const stack = prod.etl;
const { lake, catalog } = prod.lake;
const tableInput = (name: string) =>
  Object.values(prod.template().findResources('AWS::Glue::Table', { Properties: { TableInput: Match.objectLike({ Name: name }) } }))[0]
    ?.Properties.TableInput;

test.each(CURATED_DATASETS.map((d) => d.name))('%s is not declared by CloudFormation: the job creates it as an Iceberg table', (name) => {
  expect(tableInput(name)).toBeUndefined();
  expect(stack.curatedTables.tables[name]).toEqual({ database: catalog.curatedDatabase, tableName: name });
});

test.each(CHANGE_TABLES.map((d) => [d.name, d] as const))('%s is a Parquet table of the curated database under changes/', (name, dataset) => {
  prod.template().hasResourceProperties('AWS::Glue::Table', {
    DatabaseName: stack.resolve(catalog.curatedDatabase.databaseName),
    TableInput: Match.objectLike({
      Name: name,
      StorageDescriptor: Match.objectLike({
        Location: { 'Fn::Join': ['', ['s3://', stack.resolve(lake.curated.bucket.bucketName), `/changes/${name}/`]] },
        InputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
        Columns: dataset.columns.map((c) => Match.objectLike({ Name: c.name, Comment: c.description })),
      }),
    }),
  });
});

test('a change table\'s columns are its curated table\'s, the day included, then the kind of change; batches are its partitions', () => {
  const input = tableInput(ORDER_CHANGES_FEED.name);
  expect(input.StorageDescriptor.Columns.map((c: { Name: string; Type: string }) => `${c.Name} ${c.Type}`)).toEqual([
    'order_id string', 'customer_id string', 'status string', 'currency string', 'region string', 'payment_type string',
    'created_at timestamp', 'updated_at timestamp', 'line_count int', 'units int', 'order_total decimal(12,2)', 'order_date date',
    'change_type string',
  ]);
  expect(input.PartitionKeys).toEqual([expect.objectContaining({ Name: 'batch_id', Type: 'string' })]);
  // Spectrum reads the partitions each run registers; there is nothing for Athena to project.
  expect(input.Parameters?.['projection.enabled']).toBeUndefined();
});
