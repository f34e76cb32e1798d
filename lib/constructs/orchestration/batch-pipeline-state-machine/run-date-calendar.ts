/**
 * The run dates an execution accepts: real calendar days written `YYYY-MM-DD`, in the years below. Step Functions'
 * JSONPath has no date parsing and no regular expressions, so the state machine checks a run date against these lists
 * (`States.ArrayContains`) before anything uses it; a run date is written into SQL, so nothing else may pass.
 */

export const FIRST_RUN_DATE_YEAR = 2000;
export const LAST_RUN_DATE_YEAR = 2099;

const YEARS = Array.from({ length: LAST_RUN_DATE_YEAR - FIRST_RUN_DATE_YEAR + 1 }, (_, i) => FIRST_RUN_DATE_YEAR + i);
const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** `YYYY` of every year a run date may name. */
export const RUN_DATE_YEARS: readonly string[] = YEARS.map(String);

/** The years of RUN_DATE_YEARS that have a 29 February. */
export const RUN_DATE_LEAP_YEARS: readonly string[] = YEARS.filter(isLeapYear).map(String);

/** Every day of a leap year as `MM-DD`: `02-29` is a real day only in RUN_DATE_LEAP_YEARS. */
export const MONTH_DAYS: readonly string[] = Array.from({ length: 366 }, (_, i) =>
  new Date(Date.UTC(2000, 0, 1 + i)).toISOString().slice(5, 10));

export const LEAP_DAY = '02-29';
