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
