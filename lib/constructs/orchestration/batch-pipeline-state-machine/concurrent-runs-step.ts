import { ArnFormat, Stack } from 'aws-cdk-lib';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { PIPELINE_ERRORS } from './pipeline-errors';
import type { StepContext } from './step-context';

/**
 * Lists the running executions of this state machine (itself included) and stops if there is another one. Two
 * executions starting within the same second may both see each other and both stop: the safe side of the race.
 */
export function concurrentRunsStep({ scope, failures }: StepContext, stateMachineName: string): sfn.Chain {
  const list = failures.catchAll(new tasks.CallAwsService(scope, 'List running executions', {
    service: 'sfn',
    action: 'listExecutions',
    iamAction: 'states:ListExecutions',
    iamResources: [Stack.of(scope).formatArn({
      service: 'states', resource: 'stateMachine', resourceName: stateMachineName, arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    })],
    parameters: { StateMachineArn: sfn.JsonPath.stringAt('$$.StateMachine.Id'), StatusFilter: 'RUNNING' },
    resultSelector: { running: sfn.JsonPath.arrayLength(sfn.JsonPath.listAt('$.Executions')) },
    resultPath: '$.executions',
  }));
  return list.next(new sfn.Choice(scope, 'Another execution running?')
    .when(sfn.Condition.numberGreaterThan('$.executions.running', 1), new sfn.Fail(scope, 'Already running', {
      error: PIPELINE_ERRORS.alreadyRunning,
      cause: 'Another execution of the batch pipeline is running; this one stopped before doing anything',
    }))
    .afterwards({ includeOtherwise: true }));
}
