/**
 * Timestamps as the contracts carry them: ISO 8601 text (`T` or a space between date and time; `Z`, an offset, or none
 * for UTC), read as an instant. Every engine downstream (Spark, DuckDB, Redshift) keeps microseconds, so the pipeline
 * does too: digits below the microsecond are accepted only when they are zeros, and nothing is rounded.
 */

/** Digits of a second the pipeline keeps. */
export const TIMESTAMP_FRACTION_DIGITS = 6;

/** An instant: whole seconds since 1970-01-01T00:00:00Z (negative before), and microseconds into that second. */
export interface Instant {
  readonly epochSeconds: number;
  readonly micros: number;
}


/** ISO 8601 offsets reach ±18:00 in practice (java.time's ZoneOffset, which Spark uses, refuses more). */
const MAX_OFFSET_MINUTES = 18 * 60;
const SECONDS_PER_DAY = 86_400;
/** 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z: the range Spark, Athena and Redshift share. */
const MIN_EPOCH_SECONDS = daysFromCivil(1, 1, 1) * SECONDS_PER_DAY;
const MAX_EPOCH_SECONDS = daysFromCivil(9999, 12, 31) * SECONDS_PER_DAY + SECONDS_PER_DAY - 1;

/** What keeps `text` from naming an instant, or undefined when it names one. */
export function timestampProblem(text: string): string | undefined {
  return parse(text);
}

/** `text` as `formatTimestamp` writes its instant (`text` itself when it is already so), or what keeps it from naming one. */
export function conformTimestamp(text: string): string | { readonly problem: string } {
  const problem = parse(text);
  if (problem !== undefined) return { problem };
  return parsed.canonical ? text : formatTimestamp(parsed);
}

/** What the last successful `parse` read; handlers parse thousands of timestamps, so one object is reused. */
const parsed = { epochSeconds: 0, micros: 0, canonical: false };
const DASH = 45;
const COLON = 58;
const DOT = 46;
const Z = 90;
const PLUS = 43;

/** Reads `text` into `parsed` character by character and returns undefined, or returns the problem. */
function parse(text: string): string | undefined {
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  const hour = digitsAt(text, 11, 2);
  const minute = digitsAt(text, 14, 2);
  const second = digitsAt(text, 17, 2);
  const separator = text.charCodeAt(10);
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0 || text.charCodeAt(4) !== DASH
    || text.charCodeAt(7) !== DASH || (separator !== 84 /* T */ && separator !== 32) || text.charCodeAt(13) !== COLON
    || text.charCodeAt(16) !== COLON) return NOT_A_TIMESTAMP;
  let at = 19;
  let micros = 0;
  let fractionDigits = 0;
  let belowMicros = false;
  if (text.charCodeAt(at) === DOT) {
    // Nine digits at most (nanoseconds): a tenth stays unread where the zone belongs, and is refused below as such.
    for (at++; fractionDigits < 9; at++, fractionDigits++) {
      const digit = digitsAt(text, at, 1);
      if (digit < 0) break;
      if (fractionDigits < TIMESTAMP_FRACTION_DIGITS) micros = micros * 10 + digit;
      else if (digit !== 0) belowMicros = true;
    }
    if (fractionDigits === 0) return NOT_A_TIMESTAMP;
    for (let i = fractionDigits; i < TIMESTAMP_FRACTION_DIGITS; i++) micros *= 10;
  }
  let offset = 0;
  const zone = text.charCodeAt(at);
  if (zone === Z) {
    at++;
  } else if (zone === PLUS || zone === DASH) {
    const sign = zone === DASH ? '-' : '+';
    const offsetHours = digitsAt(text, at + 1, 2);
    const colon = text.charCodeAt(at + 3) === COLON ? 1 : 0;
    const offsetMinutes = digitsAt(text, at + 3 + colon, 2);
    if (offsetHours < 0 || offsetMinutes < 0) return NOT_A_TIMESTAMP;
    at += 5 + colon;
    if (offsetMinutes > 59) return `offset minute ${pad(offsetMinutes, 2)} does not exist`;
    offset = (offsetHours * 60 + offsetMinutes) * (sign === '-' ? -1 : 1);
    if (Math.abs(offset) > MAX_OFFSET_MINUTES) return `offset ${sign}${pad(offsetHours, 2)}:${pad(offsetMinutes, 2)} is beyond ±18:00`;
  }
  if (at !== text.length) return NOT_A_TIMESTAMP;
  if (month < 1 || month > 12) return `month ${pad(month, 2)} does not exist`;
  if (day < 1 || day > daysInMonth(year, month)) return `day ${pad(day, 2)} does not exist in ${pad(year, 4)}-${pad(month, 2)}`;
  if (hour > 23) return `hour ${pad(hour, 2)} is not a time of day`;
  if (minute > 59) return `minute ${pad(minute, 2)} is not a time of day`;
  if (second > 59) return `second ${pad(second, 2)} is not a time of day`;
  if (belowMicros) return `${fractionDigits} fractional digits: the pipeline keeps ${TIMESTAMP_FRACTION_DIGITS} (microseconds) and would lose the rest`;
  const epochSeconds = daysFromCivil(year, month, day) * SECONDS_PER_DAY + hour * 3600 + minute * 60 + second - offset * 60;
  if (epochSeconds < MIN_EPOCH_SECONDS || epochSeconds > MAX_EPOCH_SECONDS) return 'in UTC, it falls outside the years 0001 to 9999';
  parsed.epochSeconds = epochSeconds;
  parsed.micros = micros;
  // As formatTimestamp writes it: T, Z, and milliseconds, or microseconds when it has them.
  parsed.canonical = separator === 84 && zone === Z && (fractionDigits === 3 || (fractionDigits === 6 && micros % 1000 !== 0));
  return undefined;
}

/** The instant in UTC, with milliseconds, or microseconds when it has them: `2026-11-21T10:30:01.000Z`. */
export function formatTimestamp({ epochSeconds, micros }: Instant): string {
  const days = Math.floor(epochSeconds / SECONDS_PER_DAY);
  const secondOfDay = epochSeconds - days * SECONDS_PER_DAY;
  const [year, month, day] = civilFromDays(days);
  const fraction = micros % 1000 === 0 ? pad(micros / 1000, 3) : pad(micros, TIMESTAMP_FRACTION_DIGITS);
  return `${pad(year, 4)}-${two(month)}-${two(day)}T${two(Math.floor(secondOfDay / 3600))}:${two(Math.floor(secondOfDay / 60) % 60)}:` +
    `${two(secondOfDay % 60)}.${fraction}Z`;
}

/** The UTC day (yyyy-MM-dd) of a canonical timestamp. */
export function utcDayOf(canonical: string): string {
  return canonical.slice(0, 10);
}

const NOT_A_TIMESTAMP = 'not of the form yyyy-MM-ddTHH:mm:ss[.fraction][Z|±HH:mm]';

/** The number written by `count` ASCII digits at `at`, or -1 if any of them is not a digit. */
function digitsAt(text: string, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (!(digit >= 0 && digit <= 9)) return -1;
    value = value * 10 + digit;
  }
  return value;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Two digits, as times and days are written; called several times per timestamp, so without padStart. */
function two(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Days from 1970-01-01 to a day of the proleptic Gregorian calendar (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The inverse of `daysFromCivil`: [year, month, day]. */
function civilFromDays(days: number): [number, number, number] {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, dayOfYear - Math.floor((153 * mp + 2) / 5) + 1];
}
