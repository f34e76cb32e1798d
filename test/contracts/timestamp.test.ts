import { freshlyLoaded } from './support/freshly-loaded';

type Timestamps = typeof import('../../lib/contracts/timestamp');
/** Each test reads timestamps with its own copy of the module: see freshlyLoaded. */
const timestamps = () => freshlyLoaded<Timestamps>(() => require('../../lib/contracts/timestamp'));

const NOT_A_TIMESTAMP = 'not of the form yyyy-MM-ddTHH:mm:ss[.fraction][Z|±HH:mm]';
const OUTSIDE_THE_YEARS = 'in UTC, it falls outside the years 0001 to 9999';

test('an instant reads and writes as JavaScript writes it, to the millisecond, over four centuries', () => {
  const { conformTimestamp, formatTimestamp } = timestamps();
  for (let ms = Date.UTC(1800, 0, 1); ms < Date.UTC(2200, 0, 1); ms += 7_654_321_123) {
    const text = new Date(ms).toISOString();
    expect(conformTimestamp(text)).toBe(text);
    expect(formatTimestamp({ epochSeconds: Math.floor(ms / 1000), micros: ((ms % 1000) + 1000) % 1000 * 1000 })).toBe(text);
    expect(conformTimestamp(text.replace('T', ' ').replace('Z', '+00:00'))).toBe(text);
  }
});

// Expected instants checked with GNU `date -u -d` and Python's datetime, not with this module.
test.each([
  ['2026-11-21T12:30:00+02:00', '2026-11-21T10:30:00.000Z'],
  ['2026-11-21T12:30:00+0200', '2026-11-21T10:30:00.000Z'],
  ['2026-11-21T16:00:00+05:30', '2026-11-21T10:30:00.000Z'],
  ['2026-11-21T07:00:00-03:30', '2026-11-21T10:30:00.000Z'],
  ['2026-11-21T13:29:00+02:59', '2026-11-21T10:30:00.000Z'],
  ['2026-11-21T10:30:00+18:00', '2026-11-20T16:30:00.000Z'],
  ['2026-11-21T10:30:00-18:00', '2026-11-22T04:30:00.000Z'],
  ['2026-11-21 10:30:00', '2026-11-21T10:30:00.000Z'],
  ['2026-11-21T10:30:00.5Z', '2026-11-21T10:30:00.500Z'],
  ['2026-11-21T10:30:00.123456Z', '2026-11-21T10:30:00.123456Z'],
  ['2026-11-21T10:30:00.1234560Z', '2026-11-21T10:30:00.123456Z'],
  ['2026-11-21T10:30:00.123456000Z', '2026-11-21T10:30:00.123456Z'],
  ['2026-11-21T10:30:00.123000Z', '2026-11-21T10:30:00.123Z'],
  ['2026-01-01T00:30:00+01:00', '2025-12-31T23:30:00.000Z'],
  ['2026-04-30T00:00:00Z', '2026-04-30T00:00:00.000Z'],
  ['0001-01-01T00:00:00Z', '0001-01-01T00:00:00.000Z'],
  ['0001-01-01T00:01:00+00:01', '0001-01-01T00:00:00.000Z'],
  ['9999-12-31T23:59:59.999999Z', '9999-12-31T23:59:59.999999Z'],
  ['9999-12-31T23:58:59-00:01', '9999-12-31T23:59:59.000Z'],
])('%s is the instant %s, written in UTC with its precision', (text, canonical) => {
  expect(timestamps().conformTimestamp(text)).toBe(canonical);
});

test.each([
  ['a leap year', '2028-02-29T00:00:00Z', '2028-02-29T00:00:00.000Z'],
  ['a century divisible by 400, the last day of its 400-year cycle', '2000-02-29T00:00:00Z', '2000-02-29T00:00:00.000Z'],
  ['a century divisible by 400, the day after', '2000-02-29T23:00:00-01:00', '2000-03-01T00:00:00.000Z'],
])('29 February exists in %s: %s is %s', (_, text, canonical) => {
  expect(timestamps().conformTimestamp(text)).toBe(canonical);
});

test.each([
  ['2026-11-21T99:15:00Z', 'hour 99 is not a time of day'],
  ['2026-11-21T10:60:00Z', 'minute 60 is not a time of day'],
  ['2026-11-21T10:30:60Z', 'second 60 is not a time of day'],
  ['2026-13-01T00:00:00Z', 'month 13 does not exist'],
  ['2026-00-10T00:00:00Z', 'month 00 does not exist'],
  ['2026-11-00T00:00:00Z', 'day 00 does not exist in 2026-11'],
  ['2026-02-29T00:00:00Z', 'day 29 does not exist in 2026-02'],
  ['1900-02-29T00:00:00Z', 'day 29 does not exist in 1900-02'],
  ['2100-02-29T00:00:00Z', 'day 29 does not exist in 2100-02'],
  ['2026-04-31T00:00:00Z', 'day 31 does not exist in 2026-04'],
  ['2026-11-21T10:30:00.1234567Z', '7 fractional digits: the pipeline keeps 6 (microseconds) and would lose the rest'],
  ['2026-11-21T10:30:00.123456789Z', '9 fractional digits: the pipeline keeps 6 (microseconds) and would lose the rest'],
  ['2026-11-21T10:30:00+19:00', 'offset +19:00 is beyond ±18:00'],
  ['2026-11-21T10:30:00+18:01', 'offset +18:01 is beyond ±18:00'],
  ['2026-11-21T10:30:00-18:01', 'offset -18:01 is beyond ±18:00'],
  ['2026-11-21T10:30:00+02:75', 'offset minute 75 does not exist'],
  ['2026-11-21T10:30:00+02:60', 'offset minute 60 does not exist'],
  ['0000-06-01T00:00:00Z', OUTSIDE_THE_YEARS],
  ['0001-01-01T00:00:59+00:01', OUTSIDE_THE_YEARS],
  ['9999-12-31T23:59:00-00:01', OUTSIDE_THE_YEARS],
  ['9999-12-31T23:30:00-01:00', OUTSIDE_THE_YEARS],
])('%s is refused: %s', (text, problem) => {
  expect(timestamps().timestampProblem(text)).toBe(problem);
});

test.each([
  ['no seconds', '2026-11-21T10:30Z'],
  ['a day-first date', '21/11/2026 10:30:00'],
  ['a letter in the year', 'X026-11-21T10:30:00Z'],
  ['a letter in the month', '2026-1X-21T10:30:00Z'],
  ['a letter in the day', '2026-11-2XT10:30:00Z'],
  ['a letter in the hour', '2026-11-21T1X:30:00Z'],
  ['a letter in the minute', '2026-11-21T10:3X:00Z'],
  ['a letter in the second', '2026-11-21T10:30:0XZ'],
  ['a character just below 0 in a digit', '2026-11-21T10:3/:00Z'],
  ['a character just above 9 in a digit', '2026-11-21T10:3::00Z'],
  ['a slash before the month', '2026/11-21T10:30:00Z'],
  ['a slash before the day', '2026-11/21T10:30:00Z'],
  ['neither T nor a space before the time', '2026-11-21X10:30:00Z'],
  ['a dot before the minute', '2026-11-21T10.30:00Z'],
  ['a dot before the second', '2026-11-21T10:30.00Z'],
  ['a decimal point without digits', '2026-11-21T10:30:00.Z'],
  ['ten fractional digits', '2026-11-21T10:30:00.1234560000Z'],
  ['a letter in the offset hour', '2026-11-21T10:30:00+0X:00'],
  ['a letter in the offset minute', '2026-11-21T10:30:00+02:0X'],
  ['an offset without minutes', '2026-11-21T10:30:00+02'],
  ['text after the zone', '2026-11-21T10:30:00Zjunk'],
  ['a space after the offset', '2026-11-21T10:30:00+02:00 '],
])('a timestamp with %s is refused as not one: %p', (_, text) => {
  expect(timestamps().timestampProblem(text)).toBe(NOT_A_TIMESTAMP);
});

test('a timestamp already as formatTimestamp writes it is kept as it is; any other spelling of one is rewritten', () => {
  const { conformTimestamp } = timestamps();
  for (const text of ['2026-11-21T10:30:00.000Z', '2026-11-21T10:30:00.123456Z']) expect(conformTimestamp(text)).toBe(text);
  expect(['2026-11-21T10:30:00Z', '2026-11-21T10:30:00.123000Z', '2026-11-21 10:30:00.000Z', '2026-11-21T12:30:00.000+02:00']
    .map(conformTimestamp))
    .toEqual(['2026-11-21T10:30:00.000Z', '2026-11-21T10:30:00.123Z', '2026-11-21T10:30:00.000Z', '2026-11-21T10:30:00.000Z']);
  expect(conformTimestamp('2026-11-21T99:00:00Z')).toEqual({ problem: 'hour 99 is not a time of day' });
});
