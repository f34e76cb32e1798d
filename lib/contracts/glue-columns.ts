import * as glue from 'aws-cdk-lib/aws-glue';
import { type Column, type ColumnType, type Dataset, emptiedColumns, type ScalarType } from './dataset';

/**
 * Glue column types derived from the data contracts, so a Glue table never types a column a second time.
 * Kept out of `lib/contracts/index.ts` on purpose: it imports aws-cdk-lib, which Lambda bundles must not pull in.
 */

const SCALAR_TYPES: Readonly<Record<ScalarType, glue.Type>> = {
  string: glue.Schema.STRING,
  int: glue.Schema.INTEGER,
  bigint: glue.Schema.BIG_INT,
  double: glue.Schema.DOUBLE,
  boolean: glue.Schema.BOOLEAN,
  date: glue.Schema.DATE,
  timestamp: glue.Schema.TIMESTAMP,
};

/** The Glue type of a contract type, nested types included. */
export function glueType(type: ColumnType): glue.Type {
  if (typeof type === 'string') return SCALAR_TYPES[type];
  switch (type.kind) {
    case 'decimal':
      return glue.Schema.decimal(type.precision, type.scale);
    case 'array':
      return glue.Schema.array(glueType(type.element));
    case 'struct':
      return glue.Schema.struct(type.fields.map(glueColumn));
  }
}

/** A contract column as a Glue column; its description becomes the Glue comment. */
export function glueColumn(column: Column): glue.Column {
  return { name: column.name, type: glueType(column.type), comment: column.description };
}

/**
 * The data columns of a dataset, partition keys excluded, in declaration order. The comment of a column that key-only
 * rows leave empty says so, as Athena users query those rows too.
 */
export function glueColumns(dataset: Dataset): glue.Column[] {
  const emptied = new Set(emptiedColumns(dataset));
  const rule = dataset.keyOnly?.when;
  return dataset.columns.map((column) => {
    const glueCol = glueColumn(column);
    return rule && emptied.has(column.name) ? { ...glueCol, comment: `${glueCol.comment}; empty in a key-only ${rule.equals}` } : glueCol;
  });
}

/** The partition keys of a dataset (empty when it is not partitioned). */
export function gluePartitionKeys(dataset: Dataset): glue.Column[] {
  return (dataset.partitionKeys ?? []).map(glueColumn);
}
