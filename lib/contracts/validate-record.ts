import type { Column, ColumnType, Dataset, DecimalType } from './dataset';

/**
 * Checks a plain record (parsed JSON) against a dataset declaration and returns every reason it does not conform,
 * each as `<field path>: <what is wrong>`; an empty list means the record is valid. Pure and generic: the handlers,
 * the local pipeline and the tests all validate through it.
 *
 * Representation of values, as JSON carries them: strings for `string`, `date` (yyyy-MM-dd) and `timestamp`
 * (ISO 8601); integral numbers for `int` and `bigint`; numbers or numeric strings for `decimal`.
 * Partition keys may be present (they are validated) but are not required.
 */
export function validateRecord(dataset: Dataset, record: unknown): string[] {
  if (!isPlainObject(record)) return [`record: expected an object, got ${describe(record)}`];
  return validateFields(record, dataset.columns, dataset.partitionKeys ?? [], '');
}

const INT_MIN = -(2 ** 31);
const INT_MAX = 2 ** 31 - 1;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:?\d{2})?$/;
const DECIMAL = /^-?(\d+)(?:\.(\d+))?$/;

function validateFields(
  record: Record<string, unknown>,
  columns: readonly Column[],
  optionalColumns: readonly Column[],
  parent: string,
): string[] {
  const reasons: string[] = [];
  const known = new Set([...columns, ...optionalColumns].map((c) => c.name));
  for (const key of Object.keys(record)) {
    if (!known.has(key)) reasons.push(`${parent}${key}: unknown field`);
  }
  for (const column of columns) {
    reasons.push(...validateColumn(column, record[column.name], `${parent}${column.name}`, true));
  }
  for (const column of optionalColumns) {
    reasons.push(...validateColumn(column, record[column.name], `${parent}${column.name}`, false));
  }
  return reasons;
}

function validateColumn(column: Column, value: unknown, path: string, required: boolean): string[] {
  if (value === undefined) return required && !column.nullable ? [`${path}: missing`] : [];
  if (value === null) return column.nullable || !required ? [] : [`${path}: must not be null`];
  const reasons = validateValue(column.type, value, path);
  if (reasons.length === 0 && column.allowedValues && !column.allowedValues.includes(value as string)) {
    reasons.push(`${path}: ${JSON.stringify(value)} is not one of ${column.allowedValues.join(', ')}`);
  }
  return reasons;
}

function validateValue(type: ColumnType, value: unknown, path: string): string[] {
  const expected = (what: string) => [`${path}: expected ${what}, got ${describe(value)}`];
  if (typeof type === 'string') {
    switch (type) {
      case 'string':
        return typeof value === 'string' ? [] : expected('a string');
      case 'int':
        return Number.isInteger(value) && (value as number) >= INT_MIN && (value as number) <= INT_MAX ? [] : expected('a 32-bit integer');
      case 'bigint':
        return Number.isSafeInteger(value) ? [] : expected('an integer');
      case 'double':
        return typeof value === 'number' && Number.isFinite(value) ? [] : expected('a number');
      case 'boolean':
        return typeof value === 'boolean' ? [] : expected('a boolean');
      case 'date':
        return typeof value === 'string' && DATE.test(value) && isRealDay(value) ? [] : expected('a date yyyy-MM-dd');
      case 'timestamp':
        return typeof value === 'string' && TIMESTAMP.test(value) && isRealDay(value.slice(0, 10)) ? [] : expected('an ISO 8601 timestamp');
    }
  }
  switch (type.kind) {
    case 'decimal':
      return fitsDecimal(type, value) ? [] : expected(`a decimal(${type.precision},${type.scale})`);
    case 'array':
      return Array.isArray(value)
        ? value.flatMap((element, i) => validateElement(type.element, element, `${path}[${i}]`))
        : expected('an array');
    case 'struct':
      return isPlainObject(value) ? validateFields(value, type.fields, [], `${path}.`) : expected('an object');
  }
}

function validateElement(type: ColumnType, value: unknown, path: string): string[] {
  return value === null || value === undefined ? [`${path}: must not be null`] : validateValue(type, value, path);
}

function fitsDecimal(type: DecimalType, value: unknown): boolean {
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  if (typeof text !== 'string') return false;
  const match = DECIMAL.exec(text);
  if (!match) return false;
  const integerDigits = match[1].replace(/^0+(?=\d)/, '').length;
  const fractionDigits = match[2]?.length ?? 0;
  return integerDigits <= type.precision - type.scale && fractionDigits <= type.scale;
}

/** Whether yyyy-MM-dd names a day of the calendar (rejects 2026-02-30). */
function isRealDay(day: string): boolean {
  const parsed = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === day;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value);
  return `${typeof value} ${text.length > 40 ? `${text.slice(0, 40)}...` : text}`;
}
