import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { PIPELINE_ERRORS } from './pipeline-errors';
import {
  FIRST_RUN_DATE_YEAR, LAST_RUN_DATE_YEAR, LEAP_DAY, MONTH_DAYS, RUN_DATE_LEAP_YEARS, RUN_DATE_YEARS,
} from './run-date-calendar';

/** The run date of the execution, once the first step has set it. */
export const RUN_DATE = sfn.JsonPath.stringAt('$.runDate');

/**
 * Takes the run date from the input, or today (UTC) from the execution's start time when the input names none. A given
 * run date must be a real day written `YYYY-MM-DD` (run-date-calendar.ts), checked before any state uses it: it is
 * written into the load's SQL. The check splits it at `-`, looks each part up in the calendar's lists and requires the
 * parts joined again to be the whole input, so nothing but those digits and dashes passes.
 */
export function runDateStep(scope: Construct): sfn.Chain {
  const check = '$.runDateCheck';
  const part = (index: number) => `States.ArrayGetItem(${check}.parts, ${index})`;
  const monthDay = `States.Format('{}-{}', ${part(1)}, ${part(2)})`;
  const given = new sfn.Pass(scope, 'Use given run date', { parameters: { runDate: RUN_DATE } });
  const today = new sfn.Pass(scope, 'Use today as run date', {
    parameters: {
      runDate: sfn.JsonPath.arrayGetItem(sfn.JsonPath.stringSplit(sfn.JsonPath.stringAt('$$.Execution.StartTime'), 'T'), 0),
    },
  });
  const invalid = new sfn.Fail(scope, 'Invalid run date', {
    error: PIPELINE_ERRORS.invalidRunDate,
    cause: `runDate must be a real day written YYYY-MM-DD, from ${FIRST_RUN_DATE_YEAR} to ${LAST_RUN_DATE_YEAR}`,
  });
  const split = new sfn.Pass(scope, 'Split run date', {
    parameters: {
      'parts.$': "States.StringSplit($.runDate, '-')",
      'partCount.$': "States.ArrayLength(States.StringSplit($.runDate, '-'))",
      calendar: { years: RUN_DATE_YEARS, leapYears: RUN_DATE_LEAP_YEARS, monthDays: MONTH_DAYS },
    },
    resultPath: check,
  });
  const lookUp = new sfn.Pass(scope, 'Look up run date', {
    parameters: {
      'rejoined.$': `States.Format('{}-{}-{}', ${part(0)}, ${part(1)}, ${part(2)})`,
      'monthDay.$': monthDay,
      'knownYear.$': `States.ArrayContains(${check}.calendar.years, ${part(0)})`,
      'leapYear.$': `States.ArrayContains(${check}.calendar.leapYears, ${part(0)})`,
      'knownMonthDay.$': `States.ArrayContains(${check}.calendar.monthDays, ${monthDay})`,
    },
    resultPath: check,
  });
  const realDay = new sfn.Choice(scope, 'Run date real?')
    .when(sfn.Condition.and(
      sfn.Condition.booleanEquals(`${check}.knownYear`, true),
      sfn.Condition.booleanEquals(`${check}.knownMonthDay`, true),
      sfn.Condition.stringEqualsJsonPath(`${check}.rejoined`, '$.runDate'),
      sfn.Condition.or(
        sfn.Condition.not(sfn.Condition.stringEquals(`${check}.monthDay`, LEAP_DAY)),
        sfn.Condition.booleanEquals(`${check}.leapYear`, true),
      ),
    ), given)
    .otherwise(invalid);
  const threeParts = new sfn.Choice(scope, 'Run date in three parts?')
    .when(sfn.Condition.numberEquals(`${check}.partCount`, 3), lookUp.next(realDay))
    .otherwise(invalid);
  // Triggers start runs with event payloads (objects or arrays) that carry no run date: those mean today.
  return new sfn.Choice(scope, 'Run date given?')
    .when(sfn.Condition.and(sfn.Condition.isPresent('$.runDate'), sfn.Condition.isString('$.runDate')), split.next(threeParts))
    .when(sfn.Condition.isPresent('$.runDate'), invalid)
    .otherwise(today)
    .afterwards();
}
