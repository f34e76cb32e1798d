/**
 * The warehouse load runs SQL that names the run date, which is only known when an execution starts. Step Functions
 * builds such text with the `States.Format` intrinsic, whose template treats `{}` as a slot and needs literal braces
 * escaped. This module turns a statement rendered for a stand-in run date into that template and counts its slots.
 */

/**
 * A date no run ever has, for SQL renderers that accept only real dates: the load is rendered with it, and each
 * occurrence becomes the run date of the execution.
 */
export const RUN_DATE_STAND_IN = '1900-01-01';

export interface RunDateStatementTemplate {
  /** The statement as a `States.Format` template: literal braces escaped, each placeholder a `{}` slot. */
  readonly template: string;
  /** How many slots the template has: the run date is passed that many times. */
  readonly slots: number;
}

/**
 * How CDK writes a value unknown until deployment (a bucket name, a role ARN) into a string. Such a marker is kept
 * whole: escaping its braces would stop CDK from replacing it.
 */
export const UNRESOLVED_VALUE = /\$\{Token\[[^\]]*\]\}/g;

/** Turns `sql` into a `States.Format` template with one slot per occurrence of `placeholder`. */
export function runDateStatementTemplate(sql: string, placeholder: string = RUN_DATE_STAND_IN): RunDateStatementTemplate {
  if (placeholder === '') throw new Error('The run-date placeholder must not be empty');
  let slots = 0;
  const literal = (text: string) => {
    const parts = text.split(placeholder);
    slots += parts.length - 1;
    return parts.map((part) => part.replace(/[{}]/g, (brace) => `\\${brace}`)).join('{}');
  };
  let template = '';
  let end = 0;
  for (const match of sql.matchAll(UNRESOLVED_VALUE)) {
    template += literal(sql.slice(end, match.index)) + match[0];
    end = match.index + match[0].length;
  }
  return { template: template + literal(sql.slice(end)), slots };
}
