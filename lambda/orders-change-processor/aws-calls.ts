import { type AwsCall, awsArn } from '../../lib/aws-call';

/**
 * Every AWS call made as the processor's role (lib/constructs/streaming/orders-change-delivery.ts): the handler calls no AWS
 * API (Powertools metrics go to the log as EMF), so only Lambda's log delivery. `{logGroup}` is the name of the
 * function's log group. Only the test reads this file; the handler must not import it.
 */
export const ORDERS_CHANGE_PROCESSOR_CALLS: readonly AwsCall[] = ['logs:CreateLogStream', 'logs:PutLogEvents'].map((action) => ({
  action, resource: awsArn('logs', 'log-group:{logGroup}:log-stream:2025/01/31/[$LATEST]0123456789abcdef'),
  why: 'Lambda writes the function\'s logs (and its EMF metrics) to its log group as the function role',
}));
