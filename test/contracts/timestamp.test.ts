import { conformTimestamp, formatTimestamp, timestampProblem } from '../../lib/contracts';

test('an instant reads and writes as JavaScript writes it, to the millisecond, over four centuries', () => {
  for (let ms = Date.UTC(1800, 0, 1); ms < Date.UTC(2200, 0, 1); ms += 7_654_321_123) {
    const text = new Date(ms).toISOString();
    expect(conformTimestamp(text)).toBe(text);
    expect(formatTimestamp({ epochSeconds: Math.floor(ms / 1000), micros: ((ms % 1000) + 1000) % 1000 * 1000 })).toBe(text);
    expect(conformTimestamp(text.replace('T', ' ').replace('Z', '+00:00'))).toBe(text);
  }
});

test.each([
  ['2026-11-21T12:30:00+02:00', '2026-11-21T10:30:00.000Z'],
  ['2026-11-21T12:30:00+0200', '2026-11-21T10:30:00.000Z'],
  ['2026-11-21 10:30:00', '2026-11-21T10:30:00.000Z'],
  ['2026-11-21T10:30:00.5Z', '2026-11-21T10:30:00.500Z'],
  ['2026-11-21T10:30:00.123456Z', '2026-11-21T10:30:00.123456Z'],
  ['2026-11-21T10:30:00.123456000Z', '2026-11-21T10:30:00.123456Z'],
  ['2026-11-21T10:30:00.123000Z', '2026-11-21T10:30:00.123Z'],
  ['2026-01-01T00:30:00+01:00', '2025-12-31T23:30:00.000Z'],
  ['0001-01-01T00:00:00Z', '0001-01-01T00:00:00.000Z'],
  ['9999-12-31T23:59:59.999999Z', '9999-12-31T23:59:59.999999Z'],
  ['2028-02-29T00:00:00Z', '2028-02-29T00:00:00.000Z'],
])('%s is the instant %s, written in UTC with its precision', (text, canonical) => {
  expect(conformTimestamp(text)).toBe(canonical);
});

test.each([
  ['2026-11-21T99:15:00Z', 'hour 99 is not a time of day'],
  ['2026-11-21T10:60:00Z', 'minute 60 is not a time of day'],
  ['2026-11-21T10:30:60Z', 'second 60 is not a time of day'],
  ['2026-13-01T00:00:00Z', 'month 13 does not exist'],
  ['2026-02-29T00:00:00Z', 'day 29 does not exist in 2026-02'],
  ['2026-04-31T00:00:00Z', 'day 31 does not exist in 2026-04'],
  ['2026-11-21T10:30:00.123456789Z', '9 fractional digits: the pipeline keeps 6 (microseconds) and would lose the rest'],
  ['2026-11-21T10:30:00+19:00', 'offset +19:00 is beyond ±18:00'],
  ['2026-11-21T10:30:00+02:75', 'offset minute 75 does not exist'],
  ['0000-06-01T00:00:00Z', 'in UTC, it falls outside the years 0001 to 9999'],
  ['9999-12-31T23:30:00-01:00', 'in UTC, it falls outside the years 0001 to 9999'],
  ['2026-11-21T10:30Z', 'not of the form yyyy-MM-ddTHH:mm:ss[.fraction][Z|±HH:mm]'],
  ['21/11/2026 10:30:00', 'not of the form yyyy-MM-ddTHH:mm:ss[.fraction][Z|±HH:mm]'],
])('%s is refused: %s', (text, problem) => {
  expect(timestampProblem(text)).toBe(problem);
});

test('a timestamp already as formatTimestamp writes it is kept as it is; any other spelling of one is rewritten', () => {
  for (const text of ['2026-11-21T10:30:00.000Z', '2026-11-21T10:30:00.123456Z']) expect(conformTimestamp(text)).toBe(text);
  expect(['2026-11-21T10:30:00Z', '2026-11-21T10:30:00.123000Z', '2026-11-21 10:30:00.000Z'].map(conformTimestamp))
    .toEqual(['2026-11-21T10:30:00.000Z', '2026-11-21T10:30:00.123Z', '2026-11-21T10:30:00.000Z']);
  expect(conformTimestamp('2026-11-21T99:00:00Z')).toEqual({ problem: 'hour 99 is not a time of day' });
});
