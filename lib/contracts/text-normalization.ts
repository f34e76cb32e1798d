/**
 * How a key or an e-mail is normalized before it is compared, joined or hashed, declared once for every place that does
 * it: the CDC forwarder (`normalizeText`) and the Glue SQL (`customers_changes.sql`). One test runs a shared table of
 * tricky values through both and requires the same output (test/glue/text-normalization.test.ts).
 *
 * The steps, in this order:
 * 1. strip `trimmed` from both ends: Unicode's White_Space characters and U+FEFF (a stray byte-order mark), which
 *    spreadsheets and copy-paste leave around values;
 * 2. with `caseFolding: 'lower'`, lower-case with Unicode's default mapping, which depends on no locale (`İ` becomes
 *    `i̇`, `I` becomes `i` even in Turkish), then fold the final sigma `ς` to `σ`, as case folding does;
 * 3. compose to Unicode normalization form C, so `é` typed as `e` + U+0301 equals the precomposed `é` (RFC 6532 asks
 *    for NFC in internationalized e-mail; NFKC would also rewrite compatibility characters such as `ﬁ`).
 */
export interface TextNormalization {
  /** Code points removed from both ends. */
  readonly trimmed: readonly number[];
  readonly caseFolding: 'none' | 'lower';
  readonly form: 'NFC';
}

/** Unicode 15 White_Space (PropList.txt), plus U+FEFF ZERO WIDTH NO-BREAK SPACE. */
export const TRIMMED_CODE_POINTS: readonly number[] = [
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0x85, 0xa0, 0x1680,
  0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a,
  0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff,
];

/** Identifiers (order, customer, product): trimmed and composed; case is significant. */
export const KEY_NORMALIZATION: TextNormalization = { trimmed: TRIMMED_CODE_POINTS, caseFolding: 'none', form: 'NFC' };

/** E-mail addresses: trimmed, lower-cased and composed, so one mailbox always gets one hash. */
export const EMAIL_NORMALIZATION: TextNormalization = { trimmed: TRIMMED_CODE_POINTS, caseFolding: 'lower', form: 'NFC' };

/** ASCII only: composition leaves it as it is, and it has no final sigma. */
const ASCII = /^[\x00-\x7f]*$/;
const FINAL_SIGMA = /ς/g;
const trimSets = new WeakMap<readonly number[], ReadonlySet<number>>();

/** `value` normalized as `normalization` declares. */
export function normalizeText(value: string, normalization: TextNormalization): string {
  const lower = normalization.caseFolding === 'lower';
  // Most values are plain ASCII, or ASCII in padding: the cheap paths give what the full one would.
  if (isPlainAscii(value)) return lower ? value.toLowerCase() : value;
  const text = trimEnds(value, trimSetOf(normalization.trimmed));
  if (ASCII.test(text)) return lower ? text.toLowerCase() : text;
  return (lower ? text.toLowerCase().replace(FINAL_SIGMA, 'σ') : text).normalize(normalization.form);
}

/** Printable ASCII without a space at either end: trimming and composing leave such text as it is. A loop, not a regular expression: keys are short, and checked by the thousand. */
function isPlainAscii(value: string): boolean {
  const last = value.length - 1;
  if (value.charCodeAt(0) === 32 || value.charCodeAt(last) === 32) return false;
  for (let i = 0; i <= last; i++) {
    const c = value.charCodeAt(i);
    if (c < 32 || c > 126) return false;
  }
  return true;
}

/** `value` without the code points of `set` at either end (all of them are in the Basic Multilingual Plane). */
function trimEnds(value: string, set: ReadonlySet<number>): string {
  let start = 0;
  let end = value.length;
  while (start < end && set.has(value.charCodeAt(start))) start++;
  while (end > start && set.has(value.charCodeAt(end - 1))) end--;
  return value.slice(start, end);
}

function trimSetOf(codePoints: readonly number[]): ReadonlySet<number> {
  let set = trimSets.get(codePoints);
  if (!set) {
    if (codePoints.some((c) => c > 0xffff)) throw new Error('trimmed code points must be in the Basic Multilingual Plane');
    set = new Set(codePoints);
    trimSets.set(codePoints, set);
  }
  return set;
}
