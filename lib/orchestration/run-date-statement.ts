/**
 * The warehouse load runs SQL that names the run date, which is only known when an execution starts. Step Functions
 * builds such text with the `States.Format` intrinsic, whose template treats `{}` as a slot and needs literal braces
 * escaped. This module turns a statement with run-date placeholders into that template and counts its slots.
 */

/** Written in a load statement wherever the run date (`YYYY-MM-DD`) belongs. */
export const RUN_DATE_PLACEHOLDER = '{{run_date}}';

export interface RunDateStatementTemplate {
  /** The statement as a `States.Format` template: literal braces escaped, each placeholder a `{}` slot. */
  readonly template: string;
  /** How many slots the template has: the run date is passed that many times. */
  readonly slots: number;
}

/** Turns `sql` into a `States.Format` template with one slot per occurrence of `placeholder`. */
export function runDateStatementTemplate(sql: string, placeholder: string = RUN_DATE_PLACEHOLDER): RunDateStatementTemplate {
  if (placeholder === '') throw new Error('The run-date placeholder must not be empty');
  const literals = sql.split(placeholder).map((part) => part.replace(/[{}]/g, (brace) => `\\${brace}`));
  return { template: literals.join('{}'), slots: literals.length - 1 };
}
