import type { Column, ColumnType, Dataset, DecimalType } from './dataset';

/**
 * Checks a plain record (parsed JSON) against a dataset declaration and returns every reason it does not conform,
 * each as `<field path>: <what is wrong>`; an empty list means the record is valid. Pure and generic: the handlers,
 * the local pipeline and the tests all validate through it.
 *
 * Representation of values, as JSON carries them: strings for `string`, `date` (yyyy-MM-dd) and `timestamp`
 * (ISO 8601); integral numbers for `int` and `bigint`; numbers or numeric strings for `decimal`.
 * Partition keys may be present (they are validated) but are not required.
 *
 * The checks of a dataset are built once and cached: handlers validate thousands of records per invocation.
 */
export function validateRecord(dataset: Dataset, record: unknown): string[] {
  let check = compiled.get(dataset);
  if (!check) {
    check = fieldsCheck(dataset.columns, dataset.partitionKeys ?? []);
    compiled.set(dataset, check);
  }
  if (!isPlainObject(record)) return [`record: expected an object, got ${describe(record)}`];
  const reasons: string[] = [];
  check(record, '', reasons);
  return reasons;
}

/** Appends to `reasons` what is wrong with `value` at `path`. */
type Check = (value: unknown, path: string, reasons: string[]) => void;
type FieldsCheck = (record: Record<string, unknown>, parent: string, reasons: string[]) => void;

const compiled = new WeakMap<Dataset, FieldsCheck>();

const INT_MIN = -(2 ** 31);
const INT_MAX = 2 ** 31 - 1;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[T ]\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:?\d{2})?$/;
const DECIMAL = /^-?0*(\d+?)(?:\.(\d+))?$/;

function fieldsCheck(columns: readonly Column[], optionalColumns: readonly Column[]): FieldsCheck {
  const known = new Set([...columns, ...optionalColumns].map((c) => c.name));
  const checks = [
    ...columns.map((c) => [c.name, columnCheck(c, true)] as const),
    ...optionalColumns.map((c) => [c.name, columnCheck(c, false)] as const),
  ];
  return (record, parent, reasons) => {
    for (const key in record) {
      if (!known.has(key)) reasons.push(`${parent}${key}: unknown field`);
    }
    for (const [name, check] of checks) check(record[name], parent + name, reasons);
  };
}

function columnCheck(column: Column, required: boolean): Check {
  const valueCheck = typeCheck(column.type);
  const allowed = column.allowedValues;
  const minimum = column.minimum;
  const mayBeEmpty = column.nullable === true || !required;
  return (value, path, reasons) => {
    if (value === undefined) {
      if (!mayBeEmpty) reasons.push(`${path}: missing`);
      return;
    }
    if (value === null) {
      if (!mayBeEmpty) reasons.push(`${path}: must not be null`);
      return;
    }
    const before = reasons.length;
    valueCheck(value, path, reasons);
    if (reasons.length !== before) return;
    if (allowed && !allowed.includes(value as string)) {
      reasons.push(`${path}: ${JSON.stringify(value)} is not one of ${allowed.join(', ')}`);
    }
    if (minimum !== undefined && Number(value) < minimum) {
      reasons.push(`${path}: ${JSON.stringify(value)} is less than ${minimum}`);
    }
  };
}

function typeCheck(type: ColumnType): Check {
  if (typeof type === 'string') {
    switch (type) {
      case 'string':
        return expect('a string', (v) => typeof v === 'string');
      case 'int':
        return expect('a 32-bit integer', (v) => Number.isInteger(v) && (v as number) >= INT_MIN && (v as number) <= INT_MAX);
      case 'bigint':
        return expect('an integer', (v) => Number.isSafeInteger(v));
      case 'double':
        return expect('a number', (v) => typeof v === 'number' && Number.isFinite(v));
      case 'boolean':
        return expect('a boolean', (v) => typeof v === 'boolean');
      case 'date':
        return expect('a date yyyy-MM-dd', (v) => typeof v === 'string' && isRealDay(DATE.exec(v)));
      case 'timestamp':
        return expect('an ISO 8601 timestamp', (v) => typeof v === 'string' && isRealDay(TIMESTAMP.exec(v)));
    }
  }
  switch (type.kind) {
    case 'decimal':
      return expect(`a decimal(${type.precision},${type.scale})`, (v) => fitsDecimal(type, v));
    case 'array': {
      const elementCheck = typeCheck(type.element);
      return (value, path, reasons) => {
        if (!Array.isArray(value)) {
          reasons.push(`${path}: expected an array, got ${describe(value)}`);
          return;
        }
        for (let i = 0; i < value.length; i++) {
          const element: unknown = value[i];
          if (element === null || element === undefined) reasons.push(`${path}[${i}]: must not be null`);
          else elementCheck(element, `${path}[${i}]`, reasons);
        }
      };
    }
    case 'struct': {
      const fields = fieldsCheck(type.fields, []);
      return (value, path, reasons) => {
        if (isPlainObject(value)) fields(value, `${path}.`, reasons);
        else reasons.push(`${path}: expected an object, got ${describe(value)}`);
      };
    }
  }
}

function expect(what: string, test: (value: unknown) => boolean): Check {
  return (value, path, reasons) => {
    if (!test(value)) reasons.push(`${path}: expected ${what}, got ${describe(value)}`);
  };
}

function fitsDecimal(type: DecimalType, value: unknown): boolean {
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  if (typeof text !== 'string') return false;
  const match = DECIMAL.exec(text);
  if (!match) return false;
  return match[1].length <= type.precision - type.scale && (match[2]?.length ?? 0) <= type.scale;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Whether a yyyy-MM-dd match names a day of the calendar (rejects 2026-02-30). */
function isRealDay(match: RegExpExecArray | null): boolean {
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= DAYS_IN_MONTH[month - 1] + (leap ? 1 : 0);
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
