/**
 * A decimal number judged by its value, not its spelling: `10.50000000000000000000`, `1.05e1` and `10.5` all have three
 * significant digits, two before the point and one after.
 */
export interface DecimalDigits {
  /** Digits before the point, leading zeros aside. */
  readonly integerDigits: number;
  /** Digits after the point, trailing zeros aside. */
  readonly scale: number;
  /** Digits from the first non-zero one to the last (0 for zero). */
  readonly significant: number;
}

/** Digits a double carries exactly from decimal text and back (DBL_DIG). */
export const DOUBLE_DECIMAL_DIGITS = 15;

const DECIMAL_TEXT = /^-?(?:(\d+)(?:\.(\d*))?|\.(\d+))(?:[eE]([+-]?\d+))?$/;

/** The digits of decimal text (plain or with an exponent), or undefined when it is not a number. */
export function decimalDigits(text: string): DecimalDigits | undefined {
  const match = DECIMAL_TEXT.exec(text);
  if (!match) return undefined;
  const [, whole = '', fraction = '', bareFraction = '', exponent] = match;
  const digits = whole + fraction + bareFraction;
  const first = digits.search(/[1-9]/);
  if (first === -1) return { integerDigits: 0, scale: 0, significant: 0 };
  let last = digits.length - 1;
  while (digits[last] === '0') last--;
  // Position of the decimal point, counted from the first significant digit.
  const point = whole.length + Number(exponent ?? 0) - first;
  const significant = last - first + 1;
  return { integerDigits: Math.max(0, point), scale: Math.max(0, significant - point), significant };
}
