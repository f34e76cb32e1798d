import { Duration } from 'aws-cdk-lib';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';

export const DEFAULT_POLL_INTERVAL = Duration.seconds(30);
/** Two hours of polling at the default interval. */
export const DEFAULT_MAX_POLLS = 240;

/** How often and how many times the pipeline checks on work it waits for. */
export interface PollSettings {
  readonly interval: Duration;
  readonly maxPolls: number;
}

export interface BoundedPollProps {
  /** Names the loop's states: `Wait for <what>` and `Count <what> poll`. */
  readonly what: string;
  /** The status check run after each wait. */
  readonly check: sfn.TaskStateBase;
  /** Acts on the status; when none of its branches matches, the work is still going. */
  readonly decide: sfn.Choice;
  /** Where the number of checks made so far is read (`$.attempt`, or under `resultPath`). */
  readonly attemptPath: string;
  /** What the counting state keeps beside the count: it replaces the whole state, or only `resultPath`. */
  readonly keep: Record<string, unknown>;
  /** Where the count and what it keeps are written. @default - the whole state */
  readonly resultPath?: string;
  /** Where the loop goes once `maxPolls` checks found the work still going. */
  readonly onLimit: sfn.IChainable;
}

/**
 * The one bounded wait of the pipeline, for crawlers, data-quality evaluations and warehouse statements alike:
 * wait → check → decide; when `decide` matches nothing, the loop ends at `onLimit` after `maxPolls` checks, or counts
 * one more check and waits again. Step Functions has no loop counter of its own, so the count travels in the state.
 */
export function boundedPoll(scope: Construct, poll: PollSettings, props: BoundedPollProps): sfn.Chain {
  const wait = new sfn.Wait(scope, `Wait for ${props.what}`, { time: sfn.WaitTime.duration(poll.interval) });
  const count = new sfn.Pass(scope, `Count ${props.what} poll`, {
    parameters: { ...props.keep, attempt: sfn.JsonPath.mathAdd(sfn.JsonPath.numberAt(props.attemptPath), 1) },
    resultPath: props.resultPath,
  });
  props.decide
    .when(sfn.Condition.numberGreaterThanEquals(props.attemptPath, poll.maxPolls), props.onLimit)
    .otherwise(count.next(wait));
  return sfn.Chain.start(wait).next(props.check).next(props.decide);
}
