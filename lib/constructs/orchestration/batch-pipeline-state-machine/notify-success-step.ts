import type * as sns from 'aws-cdk-lib/aws-sns';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { RUN_DATE } from './run-date-step';
import type { StepContext } from './step-context';

/** Subject of the message a run that went well publishes (SNS subjects are plain text, at most 100 characters). */
export const SUCCESS_SUBJECT = 'Batch pipeline succeeded';

/** Publishes the run's success to the alerts topic, and the execution succeeds. */
export function notifySuccessStep({ scope, failures }: StepContext, alertsTopic: sns.ITopic, stateMachineName: string): sfn.Chain {
  return sfn.Chain.start(failures.catchAll(new tasks.SnsPublish(scope, 'Notify success', {
    topic: alertsTopic,
    subject: SUCCESS_SUBJECT,
    message: sfn.TaskInput.fromObject({
      pipeline: stateMachineName,
      execution: sfn.JsonPath.executionId,
      runDate: RUN_DATE,
      status: 'SUCCEEDED',
    }),
    resultPath: sfn.JsonPath.DISCARD,
  }))).next(new sfn.Succeed(scope, 'Pipeline succeeded'));
}
