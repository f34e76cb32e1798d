import { Match } from 'aws-cdk-lib/assertions';
import { CURATED_DATASETS, CURATED_ORDERS, CURATED_PRODUCTS } from '../../lib/contracts';
import { DATE_PARTITION_FORMAT, DEFAULT_PROJECTION_START } from '../../lib/constructs/curated-tables';
import { etlTestApp } from './etl-test-app';

const prod = etlTestApp('prod');
const stack = prod.etl;
const { lake, catalog } = prod.lake;
const tableInput = (name: string) =>
  Object.values(prod.template().findResources('AWS::Glue::Table', { Properties: { TableInput: Match.objectLike({ Name: name }) } }))[0]
    .Properties.TableInput;

test.each(CURATED_DATASETS.map((d) => [d.name, d] as const))('%s is a Parquet table of the curated database at its folder', (name, dataset) => {
  prod.template().hasResourceProperties('AWS::Glue::Table', {
    DatabaseName: stack.resolve(catalog.curatedDatabase.databaseName),
    TableInput: Match.objectLike({
      Name: name,
      StorageDescriptor: Match.objectLike({
        Location: { 'Fn::Join': ['', ['s3://', stack.resolve(lake.curated.bucket.bucketName), `/${name}/`]] },
        InputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
        Columns: dataset.columns.map((c) => Match.objectLike({ Name: c.name, Comment: c.description })),
      }),
    }),
  });
});

test('column types come from the contract', () => {
  expect(tableInput(CURATED_ORDERS.name).StorageDescriptor.Columns.map((c: { Name: string; Type: string }) => `${c.Name} ${c.Type}`)).toEqual([
    'order_id string', 'customer_id string', 'status string', 'currency string', 'region string', 'payment_type string',
    'created_at timestamp', 'updated_at timestamp', 'line_count int', 'units int', 'order_total decimal(12,2)',
  ]);
});

test('a table partitioned by day projects its partitions for Athena', () => {
  const input = tableInput(CURATED_ORDERS.name);
  expect(input.PartitionKeys).toEqual([expect.objectContaining({ Name: 'order_date', Type: 'date' })]);
  expect(input.Parameters).toMatchObject({
    'projection.enabled': 'true',
    'projection.order_date.type': 'date',
    'projection.order_date.range': `${DEFAULT_PROJECTION_START},NOW`,
    'projection.order_date.format': DATE_PARTITION_FORMAT,
  });
});

test('an unpartitioned table has no projection', () => {
  const input = tableInput(CURATED_PRODUCTS.name);
  expect(input.PartitionKeys ?? []).toEqual([]);
  expect(input.Parameters?.['projection.enabled']).toBeUndefined();
});
