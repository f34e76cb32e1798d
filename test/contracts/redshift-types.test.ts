import { arrayOf, columnOf, decimal, maxBytesOf, redshiftColumnDefinition, redshiftTypeOf, structOf } from '../../lib/contracts';
import type { Dataset } from '../../lib/contracts';

/** The warehouse's column types, written out: the DDL the migrations and the load rely on. */
test('each scalar type has its Redshift name, and every string one width of 256 bytes', () => {
  expect(['string', 'int', 'bigint', 'double', 'boolean', 'date', 'timestamp'].map((t) => redshiftTypeOf(t as never)))
    .toEqual(['VARCHAR(256)', 'INTEGER', 'BIGINT', 'DOUBLE PRECISION', 'BOOLEAN', 'DATE', 'TIMESTAMP']);
});

test('a decimal keeps its precision and scale; arrays and structs are SUPER', () => {
  expect(redshiftTypeOf(decimal(12, 2))).toBe('DECIMAL(12,2)');
  expect(redshiftTypeOf(arrayOf('int'))).toBe('SUPER');
  expect(redshiftTypeOf(structOf([]))).toBe('SUPER');
});

test('a column is NOT NULL unless the contract lets it be empty', () => {
  expect(redshiftColumnDefinition({ name: 'order_id', type: 'string', description: 'x' })).toBe('order_id VARCHAR(256) NOT NULL');
  expect(redshiftColumnDefinition({ name: 'removed_by', type: 'string', nullable: true, description: 'x' })).toBe('removed_by VARCHAR(256)');
  expect(redshiftColumnDefinition({ name: 'n', type: 'int', nullable: false, description: 'x' })).toBe('n INTEGER NOT NULL');
});

test('a string holds at most 256 UTF-8 bytes unless its column says less', () => {
  expect(maxBytesOf({ name: 's', type: 'string', description: 'x' })).toBe(256);
  expect(maxBytesOf({ name: 's', type: 'string', description: 'x', maxBytes: 64 })).toBe(64);
});

describe('columnOf', () => {
  const dataset: Dataset = {
    name: 'things', description: 'x', businessKey: ['id'],
    columns: [{ name: 'id', type: 'string', description: 'the id' }],
    partitionKeys: [{ name: 'day', type: 'date', description: 'the day' }],
  };

  test('finds a column or a partition key by name', () => {
    expect(columnOf(dataset, 'id').description).toBe('the id');
    expect(columnOf(dataset, 'day').description).toBe('the day');
  });

  test('refuses a name the dataset lacks, naming both', () => {
    expect(() => columnOf(dataset, 'idd')).toThrow('Dataset things has no column idd');
    expect(() => columnOf({ ...dataset, partitionKeys: undefined }, 'day')).toThrow('Dataset things has no column day');
  });
});
