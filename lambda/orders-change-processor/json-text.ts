import { decimalDigits, DOUBLE_DECIMAL_DIGITS } from '../../lib/contracts/decimal-value';

/** Strings, brackets and numbers of JSON text; a string is consumed whole, so brackets and digits inside it never match. */
const TOKENS = /"(?:[^"\\]|\\.)*"|[{}[\]]|-?\d[\d.eE+-]*/g;
const WHITESPACE = /[ \t\n\r]*/y;

/**
 * What `JSON.parse` accepts silently but the raw zone must not hold, in text it has already parsed: a key given twice in
 * one object (`JSON.parse` keeps the last, so `"status":"BOGUS", …, "status":"PAID"` would pass, and Spark fails on it
 * later), and a number with more significant digits than a double carries (its value would change on the way).
 */
export function jsonTextProblem(text: string): string | undefined {
  // One entry per open bracket: the keys seen so far in an object, null for an array.
  const open: Array<Set<string> | null> = [];
  for (const match of text.matchAll(TOKENS)) {
    const token = match[0];
    switch (token[0]) {
      case '{':
        open.push(new Set());
        break;
      case '[':
        open.push(null);
        break;
      case '}':
      case ']':
        open.pop();
        break;
      case '"': {
        const keys = open[open.length - 1];
        if (!keys || !isFollowedByColon(text, match.index + token.length)) break;
        const key = JSON.parse(token) as string;
        if (keys.has(key)) return `key ${JSON.stringify(key)} appears twice in one object`;
        keys.add(key);
        break;
      }
      default: {
        const significant = decimalDigits(token)?.significant ?? 0;
        if (significant > DOUBLE_DECIMAL_DIGITS) {
          return `number ${token} has ${significant} significant digits; only ${DOUBLE_DECIMAL_DIGITS} are kept exactly`;
        }
      }
    }
  }
  return undefined;
}

function isFollowedByColon(text: string, from: number): boolean {
  WHITESPACE.lastIndex = from;
  WHITESPACE.test(text);
  return text[WHITESPACE.lastIndex] === ':';
}

/**
 * A number literal that a double may not keep, or that Spark's JSON reader would take for a float (an exponent): it
 * follows `:`, `,` or `[`. The same characters inside a string can match too, which only sends the record the long way.
 */
const SUSPECT_NUMBER = /[:,[][ \t]*-?(?:(?:\d\.?){16}|[\d.]+[eE])/;

/**
 * Whether `text`, which JSON.parse read as `value`, says exactly what `value` holds, on one line: then its bytes can be
 * delivered as they are, without writing `value` again. Checked with native string searches only: no backslash (so every
 * quote delimits a string), as many quotes as `value` has keys and strings (a repeated key would add its own), no line
 * break, and no number literal a double would round or Spark misread. `false` is not a fault: the caller then compares
 * with what `JSON.stringify` writes and asks `jsonTextProblem` why they differ.
 */
export function isFaithfulJsonText(text: string, value: unknown): boolean {
  if (text.includes('\\') || text.includes('\n') || text.includes('\r') || SUSPECT_NUMBER.test(text)) return false;
  let quotes = 0;
  for (let at = text.indexOf('"'); at !== -1; at = text.indexOf('"', at + 1)) quotes++;
  return quotes === 2 * stringsIn(value);
}

/** Keys and string values in a parsed JSON value. */
function stringsIn(value: unknown): number {
  if (typeof value === 'string') return 1;
  if (typeof value !== 'object' || value === null) return 0;
  let count = 0;
  if (Array.isArray(value)) {
    for (const element of value) count += stringsIn(element);
    return count;
  }
  for (const key in value) count += 1 + stringsIn((value as Record<string, unknown>)[key]);
  return count;
}
