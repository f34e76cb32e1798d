import { type Column, type ColumnType, type Dataset, type DecimalType, keyOnlyRecord, keyOnlyVariantOf, type StringFormat } from './dataset';
import { decimalDigits, DOUBLE_DECIMAL_DIGITS } from './decimal-value';
import { isEmailAddress } from './email-address';
import { maxBytesOf, REDSHIFT_VARCHAR_WIDTH } from './redshift-types';
import { normalizeText, type TextNormalization } from './text-normalization';
import { conformTimestamp, timestampProblem } from './timestamp';

/**
 * Checks a plain record (parsed JSON) against a dataset declaration and returns every reason it does not conform,
 * each as `<field path>: <what is wrong>`; an empty list means the record is valid. Pure and generic: the handlers,
 * the local pipeline and the tests all validate through it.
 *
 * Representation of values, as JSON carries them: strings for `string` (well-formed Unicode, in the column's `format`
 * if it has one), `date` (yyyy-MM-dd) and `timestamp` (an instant, as `timestamp.ts` reads it); integral numbers for
 * `int` and `bigint`; numbers or numeric strings for `decimal`, whose value (not spelling) must fit its precision and
 * scale. Partition keys may be present (they are validated) but are not required. The value of a personal-data column
 * never appears in a reason: reasons are logged.
 */
export function validateRecord(dataset: Dataset, record: unknown): string[] {
  return check(dataset, record, undefined);
}

/** What `conformRecord` found: the reasons, as `validateRecord` gives them, and whether normalizing changed the record. */
export interface Conformance {
  readonly reasons: string[];
  readonly changed: boolean;
}

/**
 * Puts a record in the form its contract declares, in place, and returns what `validateRecord` then says of it (and
 * whether anything changed): the
 * text of columns with a `normalization` (keys, e-mails) normalized, timestamps in UTC as `formatTimestamp` writes them,
 * decimals given as text as the numbers they are (when a double carries them exactly). A value that cannot be read is
 * left as it is, and reported. One walk does both: the handlers conform thousands of records per invocation.
 */
export function conformRecord(dataset: Dataset, record: unknown): Conformance {
  const normalizing = { changed: false };
  return { reasons: check(dataset, record, normalizing), changed: normalizing.changed };
}

/** Present when a walk normalizes as it checks; it notes whether anything changed. */
export type Normalizing = { changed: boolean } | undefined;

function check(dataset: Dataset, record: unknown, normalize: Normalizing): string[] {
  if (!isPlainObject(record)) return [`record: expected an object, got ${describe(record)}`];
  const reasons: string[] = [];
  checkFields(fieldChecksOf(keyOnlyRecord(dataset, record) ? keyOnlyVariantOf(dataset) : dataset), record, '', reasons, normalize);
  return reasons;
}

/** The checks of a dataset's columns (partition keys optional), compiled once per dataset. */
export function fieldChecksOf(dataset: Dataset): FieldsCheck {
  let fields = compiled.get(dataset);
  if (!fields) {
    fields = fieldsOf(dataset.columns, dataset.partitionKeys ?? []);
    compiled.set(dataset, fields);
  }
  return fields;
}

/**
 * A column compiled into what checking it needs. Checks run as one interpreter over these (a switch on `kind`), not as
 * one closure per column: call sites stay monomorphic, and the path of a value is spelt out only for a reason.
 */
export interface FieldCheck {
  readonly name: string;
  readonly mayBeEmpty: boolean;
  readonly value: ValueCheck;
  readonly allowed?: ReadonlySet<unknown>;
  readonly minimum?: number;
  readonly pii: boolean;
}

export type ValueCheck =
  | { readonly kind: 'string'; readonly normalization?: TextNormalization; readonly format?: StringFormat; readonly maxBytes: number }
  | { readonly kind: 'int' | 'bigint' | 'double' | 'boolean' | 'date' | 'timestamp' }
  // 10^scale and 10^(precision - scale), computed once: a decimal column is checked once per record.
  | { readonly kind: 'decimal'; readonly type: DecimalType; readonly scaleFactor: number; readonly integerLimit: number }
  | { readonly kind: 'array'; readonly element: ValueCheck }
  | { readonly kind: 'struct'; readonly fields: FieldsCheck };

export interface FieldsCheck {
  readonly known: ReadonlySet<string>;
  readonly fields: readonly FieldCheck[];
}

const compiled = new WeakMap<Dataset, FieldsCheck>();

export const INT_MIN = -(2 ** 31);
export const INT_MAX = 2 ** 31 - 1;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Each string format: what a reason calls it, and the test of a normalized text. */
export const STRING_FORMATS: Readonly<Record<StringFormat, readonly [string, (text: string) => boolean]>> = {
  email: ['an e-mail address', isEmailAddress],
  'sha256-hex': ['a SHA-256 digest in lower-case hex', isSha256Hex],
};

function fieldsOf(columns: readonly Column[], optionalColumns: readonly Column[]): FieldsCheck {
  const fieldOf = (column: Column, required: boolean): FieldCheck => ({
    name: column.name,
    mayBeEmpty: column.nullable === true || !required,
    value: valueOf(column.type, column),
    allowed: column.allowedValues && new Set(column.allowedValues),
    minimum: column.minimum,
    pii: column.pii === true,
  });
  return {
    known: new Set([...columns, ...optionalColumns].map((c) => c.name)),
    fields: [...columns.map((c) => fieldOf(c, true)), ...optionalColumns.map((c) => fieldOf(c, false))],
  };
}

function valueOf(type: ColumnType, column?: Column): ValueCheck {
  if (type === 'string') {
    return { kind: 'string', normalization: column?.normalization, format: column?.format, maxBytes: column ? maxBytesOf(column) : REDSHIFT_VARCHAR_WIDTH };
  }
  if (typeof type === 'string') return { kind: type };
  switch (type.kind) {
    case 'decimal': return { kind: 'decimal', type, scaleFactor: 10 ** type.scale, integerLimit: 10 ** (type.precision - type.scale) };
    case 'array': return { kind: 'array', element: valueOf(type.element) };
    case 'struct': return { kind: 'struct', fields: fieldsOf(type.fields, []) };
  }
}

function checkFields(check: FieldsCheck, record: Record<string, unknown>, parent: string, reasons: string[], normalize: Normalizing): void {
  const unknownAt = reasons.length;
  let present = 0;
  for (const field of check.fields) {
    const value = record[field.name];
    if (value !== undefined || field.name in record) present++;
    const declared = conformField(field, value, parent, reasons, normalize);
    // Object.is: a NaN handed back as it came is not a change.
    if (!Object.is(declared, value)) {
      record[field.name] = declared;
      normalize!.changed = true;
    }
  }
  const unknown = unknownKeys(check, record, present);
  reasons.splice(unknownAt, 0, ...unknown.map((key) => `${parent}${key}: unknown field`));
}

/**
 * The keys of `record` that are not fields of `check`, given how many of its fields are present: every key is a known
 * field when there are as many keys as fields present, and the names are looked up only if not.
 */
export function unknownKeys(check: FieldsCheck, record: object, present: number): string[] {
  const keys = Object.keys(record);
  return keys.length === present ? [] : keys.filter((key) => !check.known.has(key));
}

/**
 * Appends to `reasons` what is wrong with the value of one field (undefined when the field is absent), and returns it
 * in its declared form when `normalize` is set, as `checkValue` does; then the field's own rules: allowed values, a
 * minimum, and personal data never shown in a reason.
 */
export function conformField(field: FieldCheck, value: unknown, parent: string, reasons: string[], normalize: Normalizing): unknown {
  if (value === undefined || value === null) {
    if (!field.mayBeEmpty) reasons.push(`${parent}${field.name}: ${value === undefined ? 'missing' : 'must not be null'}`);
    return value;
  }
  const before = reasons.length;
  const declared = checkValue(field.value, value, parent, field.name, reasons, normalize);
  if (reasons.length !== before) {
    if (field.pii && typeof declared === 'string') hideValue(reasons, before, declared);
    return declared;
  }
  if (field.allowed && !field.allowed.has(declared)) {
    reasons.push(`${parent}${field.name}: ${JSON.stringify(declared)} is not one of ${[...field.allowed].join(', ')}`);
  }
  if (field.minimum !== undefined && Number(declared) < field.minimum) {
    reasons.push(`${parent}${field.name}: ${JSON.stringify(declared)} is less than ${field.minimum}`);
  }
  return declared;
}

/** `conformField` for the element at `index` of the array at `path`: an element is never null. */
export function conformElement(check: ValueCheck, element: unknown, path: string, index: number, reasons: string[], normalize: Normalizing): unknown {
  if (element === null || element === undefined) {
    reasons.push(`${path}[${index}]: must not be null`);
    return element;
  }
  return checkValue(check, element, path, `[${index}]`, reasons, normalize);
}

/**
 * Appends to `reasons` what is wrong with `value`, and returns it in its declared form when `normalize` is set (`value`
 * itself when it is already in it, has none, or cannot be read: the reason then says why). Normalizing and checking
 * a value in one step reads it once.
 */
function checkValue(check: ValueCheck, value: unknown, parent: string, name: string, reasons: string[], normalize: Normalizing): unknown {
  let expected: string | undefined;
  switch (check.kind) {
    case 'string': {
      if (normalize && check.normalization && typeof value === 'string') value = normalizeText(value, check.normalization);
      const format = check.format && STRING_FORMATS[check.format];
      if (!isWellFormedString(value)) expected = format ? format[0] : 'a string of well-formed Unicode';
      else if (format && !format[1](value)) expected = format[0];
      // Each UTF-16 unit is at most 3 bytes of UTF-8 (a 4-byte character is two units): a short string fits unmeasured.
      else if (value.length * 3 > check.maxBytes && Buffer.byteLength(value, 'utf8') > check.maxBytes) {
        expected = `a string of at most ${check.maxBytes} bytes of UTF-8 (the warehouse's VARCHAR counts bytes; this one has ${Buffer.byteLength(value, 'utf8')})`;
      }
      break;
    }
    case 'int':
      if (!(Number.isInteger(value) && (value as number) >= INT_MIN && (value as number) <= INT_MAX)) expected = 'a 32-bit integer';
      break;
    case 'bigint':
      if (!Number.isSafeInteger(value)) expected = 'an integer';
      break;
    case 'double':
      if (!Number.isFinite(value)) expected = 'a number';
      break;
    case 'boolean':
      if (typeof value !== 'boolean') expected = 'a boolean';
      break;
    case 'date':
      if (!(typeof value === 'string' && isRealDay(DATE.exec(value)))) expected = 'a date yyyy-MM-dd';
      break;
    case 'timestamp': {
      if (typeof value !== 'string') {
        expected = 'an ISO 8601 timestamp (not text)';
        break;
      }
      if (!normalize) {
        const problem = timestampProblem(value);
        if (problem !== undefined) expected = `an ISO 8601 timestamp (${problem})`;
        break;
      }
      const conformed = conformTimestamp(value);
      if (typeof conformed === 'string') value = conformed;
      else expected = `an ISO 8601 timestamp (${conformed.problem})`;
      break;
    }
    case 'decimal':
      if (normalize && typeof value === 'string') {
        const digits = decimalDigits(value);
        if (digits && digits.significant <= DOUBLE_DECIMAL_DIGITS) value = Number(value);
      }
      if (!fitsDecimal(check, value)) expected = `a decimal(${check.type.precision},${check.type.scale})`;
      break;
    case 'array': {
      if (!Array.isArray(value)) {
        expected = 'an array';
        break;
      }
      const path = parent + name;
      for (let i = 0; i < value.length; i++) {
        const element: unknown = value[i];
        const declared = conformElement(check.element, element, path, i, reasons, normalize);
        if (!Object.is(declared, element)) {
          value[i] = declared;
          normalize!.changed = true;
        }
      }
      break;
    }
    case 'struct':
      if (isPlainObject(value)) checkFields(check.fields, value, `${parent}${name}.`, reasons, normalize);
      else expected = 'an object';
      break;
  }
  if (expected !== undefined) reasons.push(`${parent}${name}: expected ${expected}, got ${describe(value)}`);
  return value;
}

/** Reasons are logged: personal data is described by its kind and length, never shown. */
function hideValue(reasons: string[], from: number, value: string): void {
  const shown = `got ${describe(value)}`;
  for (let i = from; i < reasons.length; i++) reasons[i] = reasons[i].replace(shown, `got a string of ${value.length} characters (personal data, not shown)`);
}

/** A string without unpaired surrogates: it has a UTF-8 encoding, which every engine downstream needs. */
function isWellFormedString(value: unknown): value is string {
  return typeof value === 'string' && (value as string & { isWellFormed(): boolean }).isWellFormed();
}

const NOT_LOWER_HEX = /[^0-9a-f]/;

/** 64 lower-case hexadecimal digits. */
function isSha256Hex(text: string): boolean {
  return text.length === 64 && !NOT_LOWER_HEX.test(text);
}

/** Whether the value, by value (`10.50000` has scale 1), fits the precision and scale of the column. */
function fitsDecimal(check: ValueCheck & { kind: 'decimal' }, value: unknown): boolean {
  const { type, scaleFactor, integerLimit } = check;
  // A double names the decimal of at most `scale` places it is nearest to when scaling, rounding and scaling back
  // gives it again: arithmetic instead of text, for the many amounts well inside the precision of a double. NaN and
  // the infinities fail the comparison with the limit, and their text ('NaN', 'Infinity') is no decimal.
  if (typeof value === 'number' && type.precision <= DOUBLE_DECIMAL_DIGITS) {
    return Math.abs(value) < integerLimit && Math.round(value * scaleFactor) / scaleFactor === value;
  }
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string') return false;
  const digits = decimalDigits(text);
  return digits !== undefined && digits.integerDigits <= type.precision - type.scale && digits.scale <= type.scale;
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
