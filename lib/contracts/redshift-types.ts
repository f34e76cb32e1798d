import type { Column, ColumnType } from './dataset';

/**
 * How a contract type is stored in Redshift. Strings get one width for every column: Redshift compresses unused width
 * away, and one width keeps a contract change from silently truncating a value. Nested types go to SUPER.
 */
export const REDSHIFT_VARCHAR_WIDTH = 256;

/**
 * The most UTF-8 bytes a string column's value may have: Redshift's VARCHAR(n) counts bytes, not characters
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_Character_types.html), so 100 CJK characters (300 bytes) do not
 * fit VARCHAR(256). The forwarder and the landing-to-raw job quarantine a longer value with the reason, upstream.
 */
export function maxBytesOf(column: Column): number {
  return column.maxBytes ?? REDSHIFT_VARCHAR_WIDTH;
}

export function redshiftTypeOf(type: ColumnType): string {
  if (typeof type === 'string') {
    switch (type) {
      case 'string': return `VARCHAR(${REDSHIFT_VARCHAR_WIDTH})`;
      case 'int': return 'INTEGER';
      case 'bigint': return 'BIGINT';
      case 'double': return 'DOUBLE PRECISION';
      case 'boolean': return 'BOOLEAN';
      case 'date': return 'DATE';
      case 'timestamp': return 'TIMESTAMP';
    }
  }
  return type.kind === 'decimal' ? `DECIMAL(${type.precision},${type.scale})` : 'SUPER';
}

/** A column as the warehouse declares it: `name TYPE [NOT NULL]`. */
export function redshiftColumnDefinition(column: Column): string {
  return `${column.name} ${redshiftTypeOf(column.type)}${(column.nullable ?? false) ? '' : ' NOT NULL'}`;
}
