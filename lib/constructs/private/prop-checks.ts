import { Token } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { z } from 'zod';

/** Thrown when a construct is given a prop value outside what it accepts. */
export class PropValidationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PropValidationError';
  }
}

/**
 * Throws when `value`, given as `construct`'s prop `prop`, breaks `rule` (one of `lib/config/rules.ts`, which the
 * stage configuration checks too): the message names the construct, its path, the prop and the value. A prop left
 * out (its default is known to be valid) or a value known only at deploy time (a token) is not checked.
 */
export function checkProp(construct: IConstruct, prop: string, value: unknown, rule: z.ZodType): void {
  if (value === undefined || Token.isUnresolved(value)) return;
  const result = rule.safeParse(value);
  if (result.success) return;
  const reasons = result.error.issues.map((issue) => issue.message).join('; ');
  throw new PropValidationError(`${construct.constructor.name} ${construct.node.path}: ${prop} ${JSON.stringify(value)} is not allowed: ${reasons}`);
}
