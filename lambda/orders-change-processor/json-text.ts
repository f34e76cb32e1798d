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
