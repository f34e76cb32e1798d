import * as glue from 'aws-cdk-lib/aws-glue';
import { arrayOf, decimal, ORDER_CHANGE, structOf } from '../../lib/contracts';
import { glueColumns, gluePartitionKeys, glueType } from '../../lib/contracts/glue-columns';

test.each([
  ['string', 'string'], ['int', 'int'], ['bigint', 'bigint'], ['double', 'double'],
  ['boolean', 'boolean'], ['date', 'date'], ['timestamp', 'timestamp'],
] as const)('scalar %s becomes Glue %s', (type, expected) => {
  expect(glueType(type).inputString).toBe(expected);
});

test('decimals keep precision and scale; arrays and structs nest', () => {
  expect(glueType(decimal(12, 2))).toEqual(glue.Schema.decimal(12, 2));
  expect(glueType(arrayOf(structOf([
    { name: 'sku', type: 'string', description: 'SKU' },
    { name: 'price', type: decimal(12, 2), description: 'Price' },
  ]))).inputString).toBe('array<struct<sku:string,price:decimal(12,2)>>');
});

test('a dataset gives its columns in order, with descriptions as comments, and its partition keys apart', () => {
  const columns = glueColumns(ORDER_CHANGE);
  expect(columns.map((c) => c.name)).toEqual(ORDER_CHANGE.columns.map((c) => c.name));
  expect(columns[0]).toEqual({ name: 'event_id', type: glue.Schema.STRING, comment: ORDER_CHANGE.columns[0].description });
  expect(gluePartitionKeys(ORDER_CHANGE)).toEqual([{ name: 'event_date', type: glue.Schema.STRING, comment: 'Event date, yyyy-MM-dd (UTC)' }]);
});

test('a dataset without partition keys has none', () => {
  expect(gluePartitionKeys({ ...ORDER_CHANGE, partitionKeys: undefined })).toEqual([]);
});

test('the comment of a column a key-only row leaves empty says so; the key and the metadata keep theirs', () => {
  const comments = Object.fromEntries(glueColumns(ORDER_CHANGE).map((c) => [c.name, c.comment]));
  expect(comments.status).toBe('Order status; empty in a key-only REMOVE');
  expect(comments.customer_email_hash).toBe('Keyed hash (HMAC-SHA256) of the customer e-mail; empty in a key-only REMOVE');
  expect(comments.order_id).toBe('Order identifier (DynamoDB partition key)');
  expect(comments.event_time).toBe('When DynamoDB recorded the change (UTC)');
});
