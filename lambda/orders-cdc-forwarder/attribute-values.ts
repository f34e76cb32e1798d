import type { AttributeValue } from 'aws-lambda';
import { decimalDigits, DOUBLE_DECIMAL_DIGITS } from '../../lib/contracts/decimal-value';

/**
 * Turns a DynamoDB Streams image into plain values: S -> string, N -> number, BOOL, NULL -> null, M -> object,
 * L / SS / NS -> arrays. Throws, naming the attribute, for what a plain JSON record cannot carry faithfully
 * (binary values and sets, numbers of more significant digits than a double carries exactly: DynamoDB allows 38).
 * Numbers are judged by value: `10.50000000000000000000` is 10.5. Faster than the SDK's general unmarshall, which the
 * forwarder would otherwise spend most of its time in: the path of a value is spelt out only when it is refused.
 */
export function imageToRecord(image: Record<string, AttributeValue>): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const name in image) record[name] = within(name, image[name], toValue);
  return record;
}

/** A refusal on its way up, collecting the path of the refused value. */
class RefusedAttribute extends Error {
  constructor(readonly problem: string, readonly path: ReadonlyArray<string | number> = []) {
    super(path.length > 0 ? `${pathText(path)}: ${problem}` : problem);
  }
}

/** Converts a value, naming `step` in the path of a refusal. */
function within<T>(step: string | number, value: T, convert: (value: T) => unknown): unknown {
  try {
    return convert(value);
  } catch (error) {
    if (!(error instanceof RefusedAttribute)) throw error;
    throw new RefusedAttribute(error.problem, [step, ...error.path]);
  }
}

function pathText(path: ReadonlyArray<string | number>): string {
  return path.map((step, i) => (typeof step === 'number' ? `[${step}]` : i === 0 ? step : `.${step}`)).join('');
}

function toValue(attribute: AttributeValue): unknown {
  for (const type in attribute) {
    switch (type) {
      case 'S': return attribute.S;
      case 'N': return toNumber(attribute.N!);
      case 'BOOL': return attribute.BOOL;
      case 'NULL': return null;
      case 'M': {
        const map: Record<string, unknown> = {};
        const members = attribute.M!;
        for (const key in members) map[key] = within(key, members[key], toValue);
        return map;
      }
      case 'L': return attribute.L!.map((element, i) => within(i, element, toValue));
      case 'SS': return [...attribute.SS!];
      case 'NS': return attribute.NS!.map((n, i) => within(i, n, toNumber));
      default: throw new RefusedAttribute(`unsupported attribute type ${Object.keys(attribute).join(', ')}`);
    }
  }
  throw new RefusedAttribute('unsupported attribute type (none)');
}

/** Plain decimal text: of at most 15 characters, it has at most 15 digits, all of which a double carries. */
const PLAIN_DECIMAL = /^-?\d+(?:\.\d+)?$/;

function toNumber(text: string): number {
  if (text.length <= DOUBLE_DECIMAL_DIGITS && PLAIN_DECIMAL.test(text)) return Number(text);
  const digits = decimalDigits(text);
  if (!digits) throw new RefusedAttribute(`${JSON.stringify(text)} is not a number`);
  if (digits.significant > DOUBLE_DECIMAL_DIGITS) {
    throw new RefusedAttribute(`number ${text} has ${digits.significant} significant digits; a change record carries ${DOUBLE_DECIMAL_DIGITS} exactly`);
  }
  return Number(text);
}
