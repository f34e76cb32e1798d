import { arrayOf, type Dataset, decimal, structOf } from '../../lib/contracts';
import {
  allowedValues, changeBatchId, changeFeedsArgument, curatedStepsArgument, curatedTablesArgument, landingSourcesArgument,
  rawPartitionColumn, rawSourcesArgument,
} from '../../lib/etl/glue-job-plan';
import { sparkSchema, sparkType } from '../../lib/etl/spark-schema';

/**
 * The Glue jobs receive their plan as JSON arguments; these tests read the arguments as a job does and hold them to
 * values written out here, without a synth or a Spark session.
 */

type Entry = Record<string, any>;
const byName = (entries: Entry[], name: string): Entry => entries.find((e) => e.name === name)!;

describe('Spark schemas derived from the contracts', () => {
  test('every scalar type has its Spark SQL name', () => {
    expect(['string', 'int', 'bigint', 'double', 'boolean', 'date', 'timestamp'].map((t) => sparkType(t as never)))
      .toEqual(['STRING', 'INT', 'BIGINT', 'DOUBLE', 'BOOLEAN', 'DATE', 'TIMESTAMP']);
  });

  test('decimals keep their precision and scale, arrays their element, structs their quoted field names', () => {
    expect(sparkType(decimal(12, 2))).toBe('DECIMAL(12,2)');
    expect(sparkType(arrayOf('int'))).toBe('ARRAY<INT>');
    expect(sparkType(structOf([
      { name: 'sku', type: 'string', description: 'x' },
      { name: 'qty', type: 'int', description: 'y' },
    ]))).toBe('STRUCT<`sku`: STRING, `qty`: INT>');
  });

  test('a schema lists the columns quoted and in order, the extra columns last', () => {
    const dataset: Dataset = {
      name: 'things', description: 'x', businessKey: ['id'],
      columns: [{ name: 'id', type: 'string', description: 'x' }, { name: 'price', type: decimal(5, 1), description: 'x' }],
    };
    expect(sparkSchema(dataset)).toBe('`id` STRING, `price` DECIMAL(5,1)');
    expect(sparkSchema(dataset, [{ name: 'day', type: 'date', description: 'x' }])).toBe('`id` STRING, `price` DECIMAL(5,1), `day` DATE');
  });
});

describe('the landing-to-raw job\'s arguments', () => {
  const sources = JSON.parse(landingSourcesArgument());

  test('names the four landing datasets with their validation query', () => {
    expect(sources.map((s: { name: string; sql: string }) => [s.name, s.sql])).toEqual([
      ['products', 'raw_products.sql'],
      ['customers', 'raw_customers.sql'],
      ['order_line_exports', 'raw_order_line_exports.sql'],
      ['clickstream', 'raw_clickstream.sql'],
    ]);
  });

  test('order line exports are read from CSV and JSON Lines files, clickstream from JSON Lines only', () => {
    expect(byName(sources, 'order_line_exports').extensions).toEqual({ csv: ['csv'], json: ['json', 'jsonl'] });
    expect(byName(sources, 'clickstream').extensions).toEqual({ json: ['json', 'jsonl'] });
    expect(byName(sources, 'products').extensions).toEqual({ csv: ['csv'] });
  });

  test('each source carries its columns in order and the allowed values of its enumerations only', () => {
    const products = byName(sources, 'products');
    expect(products.columns).toEqual(['sku', 'product_name', 'category', 'list_price', 'is_active', 'updated_at']);
    expect(Object.keys(products.allowed_values)).toEqual(['category']);
    expect(products.allowed_values.category).toContain('ELECTRONICS');
    expect(Object.keys(byName(sources, 'clickstream').allowed_values)).toEqual(['event_type', 'device']);
  });

  test('a dataset without enumerations has no allowed values', () => {
    expect(allowedValues({ name: 't', description: 'x', businessKey: [], columns: [{ name: 'a', type: 'string', description: 'x' }] })).toEqual({});
  });
});

describe('the raw-to-curated job\'s arguments', () => {
  test('raw landing datasets are Parquet partitioned by the ingest date; order changes are JSON partitioned by event date', () => {
    const raw = JSON.parse(rawSourcesArgument());
    expect(byName(raw, 'products')).toEqual({
      name: 'products',
      format: 'parquet',
      schema: '`sku` STRING, `product_name` STRING, `category` STRING, `list_price` DECIMAL(12,2), `is_active` BOOLEAN, '
        + '`updated_at` TIMESTAMP, `ingest_date` STRING',
    });
    const changes = byName(raw, 'order_changes');
    expect(changes.format).toBe('json');
    expect(changes.schema).toMatch(/^`event_id` STRING, `operation` STRING, .* `event_date` STRING$/);
  });

  test('a raw source\'s partition column is the contract\'s own when it declares it, else the ingest date as text', () => {
    const own = { name: 'event_date', type: 'date', description: 'declared' } as const;
    const dataset: Dataset = { name: 'd', description: 'x', businessKey: [], columns: [], partitionKeys: [own] };
    expect(rawPartitionColumn({ dataset, format: 'json', partitionKey: 'event_date' })).toBe(own);
    expect(rawPartitionColumn({ dataset, format: 'parquet', partitionKey: 'ingest_date' }))
      .toMatchObject({ name: 'ingest_date', type: 'string' });
    expect(rawPartitionColumn({ dataset: { ...dataset, partitionKeys: undefined }, format: 'parquet', partitionKey: 'ingest_date' }))
      .toMatchObject({ name: 'ingest_date', type: 'string' });
  });

  test('the steps alternate a changes view and the merge of it into its curated table, products first', () => {
    const steps = JSON.parse(curatedStepsArgument());
    expect(steps.slice(0, 2)).toEqual([
      { sql: 'products_changes.sql', view: 'products_changes' },
      { sql: 'merge_products.sql', merges: 'products' },
    ]);
    expect(steps).toHaveLength(15);
  });

  test('curated tables carry their partition keys both in the schema and by name', () => {
    const orders = byName(JSON.parse(curatedTablesArgument()), 'orders');
    expect(orders.partition_keys).toEqual(['order_date']);
    expect(orders.schema).toMatch(/, `order_date` DATE$/);
    expect(byName(JSON.parse(curatedTablesArgument()), 'products').partition_keys).toEqual([]);
  });

  test('each change batch is written from its view, with the change table\'s columns and the change type last', () => {
    const feeds = JSON.parse(changeFeedsArgument());
    expect(feeds.map((f: { view: string; table: string }) => [f.view, f.table])).toEqual([
      ['products_changes', 'products_changes'],
      ['customers_changes', 'customers_changes'],
      ['orders_changes', 'orders_changes'],
      ['category_revenue_daily_changes', 'category_revenue_daily_changes'],
    ]);
    expect(feeds[0].columns.at(-1)).toBe('change_type');
    expect(feeds[0].columns[0]).toBe('sku');
  });
});

test('a change batch id is the run\'s UTC start to the millisecond, fixed width, so ids sort as the runs ran', () => {
  expect(changeBatchId(new Date(Date.UTC(2026, 2, 5, 7, 8, 9, 123)))).toBe('20260305T070809123000Z');
  expect(changeBatchId(new Date(Date.UTC(2031, 11, 31, 23, 59, 59, 4)))).toBe('20311231T235959004000Z');
});
