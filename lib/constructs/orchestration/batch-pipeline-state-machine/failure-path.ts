import { Duration } from 'aws-cdk-lib';
import type * as sns from 'aws-cdk-lib/aws-sns';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import type { Construct } from 'constructs';
import { TRANSIENT_ERROR_RETRY } from './pipeline-errors';
import { RUN_DATE } from './run-date-step';

/** Subject of the message every failure publishes (SNS subjects are plain text, at most 100 characters). */
export const FAILURE_SUBJECT = 'Batch pipeline failed';

export interface FailurePathProps {
  readonly alertsTopic: sns.ITopic;
  /** Named in every failure message. */
  readonly stateMachineName: string;
}

/**
 * Where every failure goes: recorded under `$.failure` with the failed state and its cause, published to the alerts
 * topic, then the execution fails with the original error.
 */
export class FailurePath {
  private readonly notify: sfn.IChainable;

  constructor(private readonly scope: Construct, props: FailurePathProps) {
    this.notify = new tasks.SnsPublish(scope, 'Notify failure', {
      topic: props.alertsTopic,
      subject: FAILURE_SUBJECT,
      message: sfn.TaskInput.fromObject({
        pipeline: props.stateMachineName,
        execution: sfn.JsonPath.executionId,
        runDate: RUN_DATE,
        failedState: sfn.JsonPath.stringAt('$.failure.State'),
        error: sfn.JsonPath.stringAt('$.failure.Error'),
        cause: sfn.JsonPath.stringAt('$.failure.Cause'),
      }),
      resultPath: sfn.JsonPath.DISCARD,
    })
      // Whatever made the publish fail, one more message is worth more than a lost alert.
      .addRetry({ errors: [sfn.Errors.TASKS_FAILED], maxAttempts: 3, interval: Duration.seconds(2), backoffRate: 2 })
      .next(new sfn.Fail(scope, 'Pipeline failed', { errorPath: '$.failure.Error', causePath: '$.failure.Cause' }));
  }

  /** Any error of `state` is recorded with the state's name under `$.failure`, then notified; the execution fails. */
  public catchAll<T extends sfn.TaskStateBase | sfn.Map>(state: T): T {
    const record = new sfn.Pass(this.scope, `${state.stateId} errored`, {
      parameters: {
        Error: sfn.JsonPath.stringAt('$.failure.Error'),
        Cause: sfn.JsonPath.stringAt('$.failure.Cause'),
        State: state.stateId,
      },
      resultPath: '$.failure',
    });
    record.next(this.notify);
    state.addCatch(record, { errors: [sfn.Errors.ALL], resultPath: '$.failure' });
    return state;
  }

  /** Transient errors of `task` are retried (TRANSIENT_ERROR_RETRY); any other error is caught as by `catchAll`. */
  public retryAndCatchAll<T extends sfn.TaskStateBase>(task: T): T {
    task.addRetry(TRANSIENT_ERROR_RETRY);
    return this.catchAll(task);
  }

  /** A failure found by the pipeline itself (not thrown by a task): recorded like a caught error, then notified. */
  public failWith(stateName: string, error: string, causePath: string, failedState: string): sfn.Pass {
    const record = new sfn.Pass(this.scope, stateName, {
      parameters: { Error: error, Cause: causePath, State: failedState },
      resultPath: '$.failure',
    });
    record.next(this.notify);
    return record;
  }

  /**
   * Ends a Map iteration with `error`; the Map's catch records and notifies it. The cause is built in a Pass first:
   * intrinsic functions in a Fail state's CausePath are recent and not understood by every tool that runs definitions.
   */
  public failIteration(stateName: string, error: string, cause: string): sfn.Chain {
    return sfn.Chain.start(new sfn.Pass(this.scope, `Describe ${stateName.charAt(0).toLowerCase()}${stateName.slice(1)}`, {
      parameters: { cause },
    })).next(new sfn.Fail(this.scope, stateName, { error, causePath: '$.cause' }));
  }
}
