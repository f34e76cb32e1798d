import { arrayOf, type Column, type Dataset, decimal, EMAIL_NORMALIZATION, KEY_NORMALIZATION, MONEY, structOf } from '../../lib/contracts';

/** A column named for itself. */
export const column = (name: string, type: Column['type'], more: Partial<Column> = {}): Column => ({ name, type, description: name, ...more });

/**
 * A contract with a column of every kind the contracts know, nested arrays and structs, nullable columns and a partition
 * key: the generated readers and checkers are held to conformRecord over it.
 */
export const EVERY_KIND: Dataset = {
  name: 'every_kind',
  description: 'Every column kind',
  businessKey: ['id'],
  columns: [
    column('id', 'string', { normalization: KEY_NORMALIZATION }),
    column('email', 'string', { normalization: EMAIL_NORMALIZATION, format: 'email', pii: true }),
    column('digest', 'string', { format: 'sha256-hex' }),
    column('state', 'string', { allowedValues: ['ON', 'OFF'] }),
    column('count', 'int', { minimum: 1 }),
    column('total', 'bigint'),
    column('ratio', 'double'),
    column('flag', 'boolean'),
    column('day', 'date'),
    column('at', 'timestamp'),
    column('price', MONEY, { minimum: 0 }),
    column('wide', decimal(38, 10)),
    column('note', 'string', { nullable: true }),
    column('tags', arrayOf('string')),
    column('amounts', arrayOf(MONEY)),
    column('grid', arrayOf(arrayOf('int'))),
    column('lines', arrayOf(structOf([column('sku', 'string', { normalization: KEY_NORMALIZATION }), column('qty', 'int', { minimum: 1 })]))),
    column('address', structOf([column('city', 'string'), column('zip', 'string', { nullable: true }), column('since', 'timestamp', { nullable: true })])),
  ],
  partitionKeys: [column('day_key', 'string')],
};
