import type { AttributeValue } from 'aws-lambda';
import type { Dataset } from '../../lib/contracts/dataset';
import { decimalDigits, DOUBLE_DECIMAL_DIGITS } from '../../lib/contracts/decimal-value';
import {
  conformElement, conformField, fieldChecksOf, type FieldsCheck, type Normalizing, unknownKeys, type ValueCheck,
} from '../../lib/contracts/validate-record';

type AttributeMap = Record<string, AttributeValue>;

/** A DynamoDB image read against a dataset's contract: the record in its declared form, and what is wrong with it. */
export interface ImageReading {
  /** The dataset's columns the image holds (attributes the contract does not know are only reasons). */
  readonly record: Record<string, unknown>;
  /** As `conformRecord` gives them for the record the image holds; empty when it conforms. */
  readonly reasons: string[];
}

/**
 * Reads a DynamoDB Streams image as a record of `dataset` in one walk over its attribute values: each column's value
 * is taken in the form the contract declares (keys and e-mails normalized, timestamps in UTC, numbers by value) and
 * checked as `conformRecord` checks a plain record, with the same reasons. A map or list attribute where the contract
 * declares a struct or an array is read member by member; any other attribute becomes its plain value
 * (`plainValueOf`) first. Throws, naming the attribute, when an attribute (known to the contract or not) cannot be
 * read at all: a record with such a value is refused as a whole, whatever else is wrong with it.
 *
 * This replaces reading the whole image into a plain record and conforming that: the forwarder reads thousands of
 * images per invocation, and one walk, building only the objects the change event keeps, takes about a sixth less
 * CPU time.
 */
export function readImage(dataset: Dataset, image: AttributeMap): ImageReading {
  const reasons: string[] = [];
  const record = readFields(fieldChecksOf(dataset), image, '', reasons, { changed: false });
  return { record, reasons };
}

/**
 * An attribute value as a plain value: S -> string, N -> number, BOOL, NULL -> null, M -> object, L / SS / NS ->
 * arrays. Throws, naming the attribute, for what a plain JSON record cannot carry faithfully (binary values and sets,
 * numbers of more significant digits than a double carries exactly: DynamoDB allows 38). Numbers are judged by value:
 * `10.50000000000000000000` is 10.5.
 */
export function plainValueOf(attribute: AttributeValue): unknown {
  if (typeof attribute !== 'object' || attribute === null) throw new RefusedAttribute('unsupported attribute type (none)');
  // Most attributes are strings and numbers: those are looked for first, the type of the rest by name.
  if (attribute.S !== undefined) return attribute.S;
  if (attribute.N !== undefined) return toNumber(attribute.N);
  for (const type in attribute) {
    switch (type) {
      case 'BOOL': return attribute.BOOL;
      case 'NULL': return null;
      case 'M': {
        const map: Record<string, unknown> = {};
        const members = attribute.M!;
        for (const key in members) map[key] = within(key, members[key], plainValueOf);
        return map;
      }
      case 'L': return attribute.L!.map((element, i) => within(i, element, plainValueOf));
      case 'SS': return [...attribute.SS!];
      case 'NS': return attribute.NS!.map((n, i) => within(i, n, toNumber));
      default: throw new RefusedAttribute(`unsupported attribute type ${Object.keys(attribute).join(', ')}`);
    }
  }
  throw new RefusedAttribute('unsupported attribute type (none)');
}

function readFields(check: FieldsCheck, image: AttributeMap, parent: string, reasons: string[], normalize: Normalizing): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  const unknownAt = reasons.length;
  let present = 0;
  for (const field of check.fields) {
    const attribute = image[field.name];
    if (attribute === undefined) {
      conformField(field, undefined, parent, reasons, normalize);
      continue;
    }
    present++;
    try {
      const members = containerCheck(field.value, attribute);
      record[field.name] = members
        ? readMembers(members, attribute, parent + field.name, reasons, normalize)
        : conformField(field, scalarValueOf(field.value, attribute), parent, reasons, normalize);
    } catch (error) {
      throw refusedWithin(field.name, error);
    }
  }
  const unknown = unknownKeys(check, image, present);
  if (unknown.length > 0) {
    // Unknown to the contract, but readable: an attribute that cannot be read refuses the record as such.
    for (const key of unknown) within(key, image[key], plainValueOf);
    reasons.splice(unknownAt, 0, ...unknown.map((key) => `${parent}${key}: unknown field`));
  }
  return record;
}

/**
 * `plainValueOf(attribute)`, looking first for the member the contract expects: S for text, N for numbers. Each of
 * these reads meets one shape of attribute value, which keeps it fast; anything else takes the general way.
 */
function scalarValueOf(check: ValueCheck, attribute: AttributeValue): unknown {
  switch (check.kind) {
    case 'string':
    case 'date':
    case 'timestamp': {
      const text = attribute?.S;
      if (typeof text === 'string') return text;
      break;
    }
    case 'int':
    case 'bigint':
    case 'double':
    case 'decimal': {
      const number = attribute?.N;
      if (typeof number === 'string') return toNumber(number);
      break;
    }
  }
  return plainValueOf(attribute);
}

type ContainerCheck = Extract<ValueCheck, { kind: 'array' | 'struct' }>;

/** `check`, when the attribute is read member by member: it is the map of a struct, or the list of an array. */
function containerCheck(check: ValueCheck, attribute: AttributeValue): ContainerCheck | undefined {
  if (check.kind === 'struct') return typeof attribute?.M === 'object' && attribute.M !== null ? check : undefined;
  if (check.kind === 'array') return Array.isArray(attribute?.L) ? check : undefined;
  return undefined;
}

function readMembers(check: ContainerCheck, attribute: AttributeValue, path: string, reasons: string[], normalize: Normalizing): unknown {
  if (check.kind === 'struct') return readFields(check.fields, attribute.M!, `${path}.`, reasons, normalize);
  const list = attribute.L!;
  const values: unknown[] = [];
  for (let i = 0; i < list.length; i++) {
    const element = list[i];
    try {
      const members = containerCheck(check.element, element);
      values.push(members
        ? readMembers(members, element, `${path}[${i}]`, reasons, normalize)
        : conformElement(check.element, scalarValueOf(check.element, element), path, i, reasons, normalize));
    } catch (error) {
      throw refusedWithin(i, error);
    }
  }
  return values;
}

/** A refusal on its way up, collecting the path of the refused value. */
class RefusedAttribute extends Error {
  constructor(readonly problem: string, readonly path: ReadonlyArray<string | number> = []) {
    super(path.length > 0 ? `${pathText(path)}: ${problem}` : problem);
  }
}

/** `error`, with `step` added in front of its path when it is a refusal. */
function refusedWithin(step: string | number, error: unknown): unknown {
  return error instanceof RefusedAttribute ? new RefusedAttribute(error.problem, [step, ...error.path]) : error;
}

/** Converts a value, naming `step` in the path of a refusal. */
function within<T>(step: string | number, value: T, convert: (value: T) => unknown): unknown {
  try {
    return convert(value);
  } catch (error) {
    throw refusedWithin(step, error);
  }
}

function pathText(path: ReadonlyArray<string | number>): string {
  return path.map((step, i) => (typeof step === 'number' ? `[${step}]` : i === 0 ? step : `.${step}`)).join('');
}

function toNumber(text: string): number {
  if (text.length <= DOUBLE_DECIMAL_DIGITS && isPlainDecimal(text)) return Number(text);
  const digits = decimalDigits(text);
  if (!digits) throw new RefusedAttribute(`${JSON.stringify(text)} is not a number`);
  if (digits.significant > DOUBLE_DECIMAL_DIGITS) {
    throw new RefusedAttribute(`number ${text} has ${digits.significant} significant digits; a change record carries ${DOUBLE_DECIMAL_DIGITS} exactly`);
  }
  return Number(text);
}

/**
 * Plain decimal text, `-?\d+(\.\d+)?`: of at most 15 characters, it has at most 15 digits, all of which a double
 * carries. A loop rather than a regular expression: images hold numbers by the thousand.
 */
function isPlainDecimal(text: string): boolean {
  const start = text.charCodeAt(0) === MINUS ? 1 : 0;
  let point = -1;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === POINT && point === -1 && i > start) point = i;
    else if (c < ZERO || c > NINE) return false;
  }
  return text.length > start && point !== text.length - 1;
}

const MINUS = 45;
const POINT = 46;
const ZERO = 48;
const NINE = 57;
