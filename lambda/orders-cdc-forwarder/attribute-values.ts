import type { AttributeValue } from 'aws-lambda';

/**
 * Turns a DynamoDB Streams image into plain values: S -> string, N -> number, BOOL, NULL -> null, M -> object,
 * L / SS / NS -> arrays. Throws, naming the attribute, for what a plain JSON record cannot carry faithfully
 * (binary values, numbers beyond double precision). Faster than the SDK's general unmarshall, which the forwarder
 * would otherwise spend most of its time in.
 */
export function imageToRecord(image: Record<string, AttributeValue>): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const name in image) record[name] = toValue(image[name], name);
  return record;
}

function toValue(attribute: AttributeValue, path: string): unknown {
  if (attribute.S !== undefined) return attribute.S;
  if (attribute.N !== undefined) return toNumber(attribute.N, path);
  if (attribute.BOOL !== undefined) return attribute.BOOL;
  if (attribute.NULL !== undefined) return null;
  if (attribute.M !== undefined) {
    const map: Record<string, unknown> = {};
    for (const key in attribute.M) map[key] = toValue(attribute.M[key], `${path}.${key}`);
    return map;
  }
  if (attribute.L !== undefined) return attribute.L.map((element, i) => toValue(element, `${path}[${i}]`));
  if (attribute.SS !== undefined) return [...attribute.SS];
  if (attribute.NS !== undefined) return attribute.NS.map((n, i) => toNumber(n, `${path}[${i}]`));
  throw new Error(`${path}: unsupported attribute type ${Object.keys(attribute).join(', ') || '(none)'}`);
}

/** Digits a double carries exactly; DynamoDB numbers may have up to 38. */
const SIGNIFICANT_DIGITS = 15;

function toNumber(text: string, path: string): number {
  const value = Number(text);
  const digits = text.replace(/^[-+]?0*|\.|e.*$/gi, '').replace(/^0+/, '').length;
  if (!Number.isFinite(value) || digits > SIGNIFICANT_DIGITS) throw new Error(`${path}: number ${text} cannot be represented exactly`);
  return value;
}
