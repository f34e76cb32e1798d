import type { Column, Dataset } from '../../contracts';

/**
 * DQDL rules derived from a curated dataset's contract: its business key is a primary key (complete and unique),
 * every non-nullable column is complete, numeric columns (amounts, counts) are never negative, enumerated columns hold
 * only their allowed values, and each reference points at an existing row of another table.
 */

/** `column` must exist in the table the evaluation names `alias` (passed as an additional data source). */
export interface ReferentialRule {
  readonly column: string;
  readonly alias: string;
  readonly referencedColumn: string;
}

const NUMERIC = new Set(['int', 'bigint', 'double']);
const isNumeric = (c: Column) => (typeof c.type === 'string' ? NUMERIC.has(c.type) : c.type.kind === 'decimal');
const quote = (name: string) => `"${name}"`;

export function dataQualityRules(dataset: Dataset, references: readonly ReferentialRule[] = []): string[] {
  const columns = [...dataset.columns, ...(dataset.partitionKeys ?? [])];
  return [
    `IsPrimaryKey ${dataset.businessKey.map(quote).join(' ')}`,
    ...columns.filter((c) => !c.nullable && !dataset.businessKey.includes(c.name)).map((c) => `IsComplete ${quote(c.name)}`),
    ...columns.filter(isNumeric).map((c) => `ColumnValues ${quote(c.name)} >= 0`),
    ...columns.filter((c) => c.allowedValues).map((c) => `ColumnValues ${quote(c.name)} in [${c.allowedValues!.map(quote).join(', ')}]`),
    ...references.map((r) => `ReferentialIntegrity ${quote(r.column)} ${quote(`${r.alias}.${r.referencedColumn}`)} = 1.0`),
  ];
}

/** A DQDL ruleset document. */
export function dqdl(rules: readonly string[]): string {
  return `Rules = [\n  ${rules.join(',\n  ')}\n]`;
}
