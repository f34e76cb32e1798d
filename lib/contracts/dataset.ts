/**
 * The vocabulary of data contracts. Each dataset of the pipeline is declared once with these types;
 * Glue columns, handler validation, warehouse DDL and fixtures are derived from that declaration.
 * This module is plain data: the Lambda bundles and the local pipeline import it too.
 */

import type { TextNormalization } from './text-normalization';

export type ScalarType = 'string' | 'int' | 'bigint' | 'double' | 'boolean' | 'date' | 'timestamp';

/** What a string column's text must be: an e-mail address (`email-address.ts`), or a SHA-256 digest in lower-case hex. */
export type StringFormat = 'email' | 'sha256-hex';

export interface DecimalType {
  readonly kind: 'decimal';
  readonly precision: number;
  readonly scale: number;
}

export interface ArrayType {
  readonly kind: 'array';
  readonly element: ColumnType;
}

export interface StructType {
  readonly kind: 'struct';
  readonly fields: readonly Column[];
}

export type ColumnType = ScalarType | DecimalType | ArrayType | StructType;

export interface Column {
  readonly name: string;
  readonly type: ColumnType;
  /** Whether a record may leave the column empty. @default false */
  readonly nullable?: boolean;
  /** What the column means, shown in the Glue catalog and the warehouse. */
  readonly description: string;
  /** Personal data: it never leaves the source unmasked. @default false */
  readonly pii?: boolean;
  /** Allowed values, for enumerations. */
  readonly allowedValues?: readonly string[];
  /** Smallest allowed value, for numbers. @default - any value of the type */
  readonly minimum?: number;
  /** How a string is normalized before it is validated, compared or hashed (`text-normalization.ts`). @default - as it is */
  readonly normalization?: TextNormalization;
  /** What a string must look like once normalized. @default - any text */
  readonly format?: StringFormat;
  /** The most UTF-8 bytes a string may have (the warehouse's VARCHAR counts bytes). @default REDSHIFT_VARCHAR_WIDTH (256) */
  readonly maxBytes?: number;
}

export interface Dataset {
  /** snake_case name: the Glue table, the warehouse table and the S3 prefix are named after it. */
  readonly name: string;
  readonly description: string;
  readonly columns: readonly Column[];
  /** Columns that identify one business entity; duplicates on these are removed. */
  readonly businessKey: readonly string[];
  /** Hive-style partition columns, kept apart from `columns` as Glue and Athena expect. @default - none */
  readonly partitionKeys?: readonly Column[];
  /** Rows that may carry only their identifying columns (`keyOnlyRecord`). @default - every row carries every column */
  readonly keyOnly?: KeyOnlyRows;
}

/**
 * Which rows of a dataset may carry only `columns`: those whose `when.column` holds `when.equals` and whose every other
 * column is empty. Such a row is checked against `columns` alone; a row with some of the other columns and not all is
 * checked as any row, so it cannot pass half-empty.
 */
export interface KeyOnlyRows {
  readonly when: { readonly column: string; readonly equals: string };
  readonly columns: readonly string[];
}

export const decimal = (precision: number, scale: number): DecimalType => ({ kind: 'decimal', precision, scale });
export const arrayOf = (element: ColumnType): ArrayType => ({ kind: 'array', element });
export const structOf = (fields: readonly Column[]): StructType => ({ kind: 'struct', fields });

/** Money everywhere in the pipeline: 12 digits, 2 after the point. */
export const MONEY = decimal(12, 2);

/** Returns the named column of a dataset, or throws naming the dataset (catches typos in derived code). */
export function columnOf(dataset: Dataset, name: string): Column {
  const column = [...dataset.columns, ...(dataset.partitionKeys ?? [])].find((c) => c.name === name);
  if (!column) throw new Error(`Dataset ${dataset.name} has no column ${name}`);
  return column;
}

/** All column names, partition keys last, in declaration order. */
export function columnNames(dataset: Dataset): string[] {
  return [...dataset.columns, ...(dataset.partitionKeys ?? [])].map((c) => c.name);
}

/** Whether `record` is one of the dataset's key-only rows (`Dataset.keyOnly`): the rule's value, every other column empty. */
export function keyOnlyRecord(dataset: Dataset, record: Readonly<Record<string, unknown>>): boolean {
  const rule = dataset.keyOnly;
  if (!rule || record[rule.when.column] !== rule.when.equals) return false;
  return emptiedColumns(dataset).every((name) => record[name] === undefined || record[name] === null);
}

/** The columns a key-only row of the dataset leaves empty. */
export function emptiedColumns(dataset: Dataset): string[] {
  const kept = new Set(dataset.keyOnly?.columns ?? columnNames(dataset));
  return dataset.columns.map((c) => c.name).filter((name) => !kept.has(name));
}

/** The dataset as its key-only rows are checked: the emptied columns nullable. Built once per dataset. */
export function keyOnlyVariantOf(dataset: Dataset): Dataset {
  let variant = keyOnlyVariants.get(dataset);
  if (!variant) {
    const emptied = new Set(emptiedColumns(dataset));
    variant = { ...dataset, columns: dataset.columns.map((c) => (emptied.has(c.name) ? { ...c, nullable: true } : c)), keyOnly: undefined };
    keyOnlyVariants.set(dataset, variant);
  }
  return variant;
}

const keyOnlyVariants = new WeakMap<Dataset, Dataset>();
