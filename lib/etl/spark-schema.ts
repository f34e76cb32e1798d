import type { Column, ColumnType, Dataset } from '../contracts';

/**
 * Spark SQL types derived from the data contracts, as the DDL string `spark.read.schema(...)` accepts, so the jobs
 * read raw data with the contract's schema instead of inferring one.
 */
export function sparkType(type: ColumnType): string {
  if (typeof type === 'string') {
    return { string: 'STRING', int: 'INT', bigint: 'BIGINT', double: 'DOUBLE', boolean: 'BOOLEAN', date: 'DATE', timestamp: 'TIMESTAMP' }[type];
  }
  switch (type.kind) {
    case 'decimal':
      return `DECIMAL(${type.precision},${type.scale})`;
    case 'array':
      return `ARRAY<${sparkType(type.element)}>`;
    case 'struct':
      return `STRUCT<${type.fields.map((f) => `\`${f.name}\`: ${sparkType(f.type)}`).join(', ')}>`;
  }
}

/** The DDL schema of a dataset's columns followed by `extra` columns (e.g. a partition key). */
export function sparkSchema(dataset: Dataset, extra: readonly Column[] = []): string {
  return [...dataset.columns, ...extra].map((c) => `\`${c.name}\` ${sparkType(c.type)}`).join(', ');
}
