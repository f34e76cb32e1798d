import type { AttributeValue } from 'aws-lambda';
import { decimalDigits, DOUBLE_DECIMAL_DIGITS } from '../../lib/contracts/decimal-value';

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

/** A refusal on its way up, collecting the path of the refused value. */
class RefusedAttribute extends Error {
  constructor(readonly problem: string, readonly path: ReadonlyArray<string | number> = []) {
    super(path.length > 0 ? `${pathText(path)}: ${problem}` : problem);
  }
}

/** `error`, with `step` added in front of its path when it is a refusal. */
export function refusedWithin(step: string | number, error: unknown): unknown {
  return error instanceof RefusedAttribute ? new RefusedAttribute(error.problem, [step, ...error.path]) : error;
}

/** Converts a value, naming `step` in the path of a refusal. */
export function within<T>(step: string | number, value: T, convert: (value: T) => unknown): unknown {
  try {
    return convert(value);
  } catch (error) {
    throw refusedWithin(step, error);
  }
}

function pathText(path: ReadonlyArray<string | number>): string {
  return path.map((step, i) => (typeof step === 'number' ? `[${step}]` : i === 0 ? step : `.${step}`)).join('');
}

/** The value of a number attribute's text; refused when it is not a number or a double cannot carry it exactly. */
export function toNumber(text: string): number {
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
