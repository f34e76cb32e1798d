import type { Column, ColumnType } from '../lib/contracts';

/** DuckDB types derived from the data contracts, as `DESCRIBE` prints them, for the local engine and its checks. */
export function duckdbType(type: ColumnType): string {
  if (typeof type === 'string') {
    return { string: 'VARCHAR', int: 'INTEGER', bigint: 'BIGINT', double: 'DOUBLE', boolean: 'BOOLEAN', date: 'DATE', timestamp: 'TIMESTAMP' }[type];
  }
  switch (type.kind) {
    case 'decimal':
      return `DECIMAL(${type.precision},${type.scale})`;
    case 'array':
      return `${duckdbType(type.element)}[]`;
    case 'struct':
      return `STRUCT(${type.fields.map((f) => `${f.name} ${duckdbType(f.type)}`).join(', ')})`;
  }
}

/** `{name: 'TYPE', ...}` as DuckDB's `columns=` / `hive_types=` options take it. */
export function duckdbColumnsOption(columns: readonly Column[]): string {
  return `{${columns.map((c) => `'${c.name}': '${duckdbType(c.type)}'`).join(', ')}}`;
}
