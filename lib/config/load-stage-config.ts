import { z } from 'zod';
import { StageConfigSchema, type StageConfig } from './stage-config';
import { DEFAULT_STAGE, STAGES } from './stages';

/** Thrown when a stage's configuration is unknown or invalid; the message lists every problem. */
export class StageConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StageConfigError';
  }
}

/**
 * Validates a candidate configuration and returns it typed. Every problem is reported at once, each as
 * `<key>: got <value>; <what is allowed>`, so a user fixes them in one go.
 */
export function validateStageConfig(candidate: unknown, stageName = 'custom'): StageConfig {
  const result = StageConfigSchema.safeParse(candidate, { reportInput: true });
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `  - ${describeIssue(issue)}`);
  throw new StageConfigError(`Invalid configuration for stage "${stageName}":\n${problems.join('\n')}`);
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const key = issue.path.length > 0 ? issue.path.join('.') : '(root)';
  if (issue.code === 'unrecognized_keys') {
    const where = issue.path.length > 0 ? `${key}.` : '';
    return `${issue.keys.map((k) => where + k).join(', ')}: unknown key; remove it or check its spelling`;
  }
  // A discriminated union reports the whole object it could not place: the value of its discriminator is what is wrong.
  const input = issue.code === 'invalid_union' && 'discriminator' in issue && typeof issue.input === 'object' && issue.input !== null
    ? (issue.input as Record<string, unknown>)[issue.discriminator as string]
    : issue.input;
  const got = input !== undefined ? JSON.stringify(input) : 'nothing';
  return `${key}: got ${got}; ${issue.message}`;
}

/**
 * Picks the stage named by the `stage` context value (default `dev`) and validates it.
 * @param stageName the value of `-c stage=...`, if any
 * @param stages the known stages (tests pass their own)
 */
export function loadStageConfig(stageName: unknown, stages: Readonly<Record<string, StageConfig>> = STAGES): StageConfig {
  const name = stageName ?? DEFAULT_STAGE;
  if (typeof name !== 'string' || !Object.prototype.hasOwnProperty.call(stages, name)) {
    throw new StageConfigError(
      `Unknown stage ${JSON.stringify(name)} (context key "stage"): expected one of ${Object.keys(stages).map((s) => `"${s}"`).join(', ')}`,
    );
  }
  return validateStageConfig(stages[name], name);
}
