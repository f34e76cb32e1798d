import {
  FIRST_RUN_DATE_YEAR, LAST_RUN_DATE_YEAR, LEAP_DAY, MONTH_DAYS, RUN_DATE_LEAP_YEARS, RUN_DATE_YEARS,
} from '../../lib/constructs/orchestration/batch-pipeline-state-machine/run-date-calendar';

/**
 * The state machine accepts a run date only if its year is in RUN_DATE_YEARS and its `MM-DD` in MONTH_DAYS (02-29 only in
 * RUN_DATE_LEAP_YEARS): these lists are the whole of what a run date may be, so they are pinned by value.
 */
describe('the run-date calendar', () => {
  test('a run date may name any year from 2000 to 2099, and no other', () => {
    expect([FIRST_RUN_DATE_YEAR, LAST_RUN_DATE_YEAR]).toEqual([2000, 2099]);
    expect(RUN_DATE_YEARS).toHaveLength(100);
    expect(RUN_DATE_YEARS.slice(0, 3)).toEqual(['2000', '2001', '2002']);
    expect(RUN_DATE_YEARS.slice(-2)).toEqual(['2098', '2099']);
    expect(RUN_DATE_YEARS).not.toContain('1999');
    expect(RUN_DATE_YEARS).not.toContain('2100');
  });

  test.each(['2000', '2004', '2024', '2028', '2096'])('%s has a 29 February', (year) => {
    expect(RUN_DATE_LEAP_YEARS).toContain(year);
  });

  test.each(['2001', '2025', '2026', '2099', '2100'])('%s has none', (year) => {
    expect(RUN_DATE_LEAP_YEARS).not.toContain(year);
  });

  test('the leap years are every fourth year from 2000 (2000 is one: divisible by 400), 25 in all', () => {
    expect(RUN_DATE_LEAP_YEARS).toHaveLength(25);
    expect(RUN_DATE_LEAP_YEARS.slice(0, 3)).toEqual(['2000', '2004', '2008']);
    expect(RUN_DATE_LEAP_YEARS.at(-1)).toBe('2096');
  });

  test('the month-days are the 366 days of a leap year, in calendar order, written MM-DD', () => {
    expect(MONTH_DAYS).toHaveLength(366);
    expect(MONTH_DAYS.slice(0, 2)).toEqual(['01-01', '01-02']);
    expect(MONTH_DAYS.slice(58, 61)).toEqual(['02-28', '02-29', '03-01']);
    expect(MONTH_DAYS.at(-1)).toBe('12-31');
    expect(new Set(MONTH_DAYS).size).toBe(366);
  });

  test('the leap day is 02-29, one of the month-days', () => {
    expect(LEAP_DAY).toBe('02-29');
    expect(MONTH_DAYS).toContain(LEAP_DAY);
  });

  test('the 30th and 31st exist only in the months that have them', () => {
    expect(MONTH_DAYS).toEqual(expect.arrayContaining(['01-31', '04-30', '12-31']));
    for (const day of ['02-30', '02-31', '04-31', '06-31', '09-31', '11-31']) expect(MONTH_DAYS).not.toContain(day);
  });
});
