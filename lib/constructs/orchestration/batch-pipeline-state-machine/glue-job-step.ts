import { Duration } from 'aws-cdk-lib';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import type { Construct } from 'constructs';
import { RUN_DATE } from './run-date-step';
import type { StepContext } from './step-context';

/** A job task gives up this much before the job's own timeout, so the failure is the pipeline's, with a clear cause. */
export const JOB_TASK_TIMEOUT_MARGIN = Duration.minutes(5);
/** Job argument that carries the run date to both Glue jobs. */
export const RUN_DATE_JOB_ARGUMENT = '--run_date';

/**
 * A `.sync` Glue job task whose state times out. CDK turns `taskTimeout` of this task into the job run's own `Timeout`
 * (shortening the job); here the job keeps its configured timeout and the state gives up first.
 */
class GlueJobRunWithStateTimeout extends tasks.GlueStartJobRun {
  constructor(scope: Construct, id: string, private readonly stateTimeout: Duration, props: tasks.GlueStartJobRunProps) {
    super(scope, id, props);
  }

  public override toStateJson(topLevelQueryLanguage?: sfn.QueryLanguage): object {
    return { ...super.toStateJson(topLevelQueryLanguage), TimeoutSeconds: this.stateTimeout.toSeconds() };
  }
}

/** Runs a Glue job for the run date and waits for it (`.sync`); the task times out before the job's own timeout. */
export function glueJobStep({ scope, failures }: StepContext, stateName: string, resultKey: string, jobName: string,
  jobTimeout: Duration): tasks.GlueStartJobRun {
  return failures.retryAndCatchAll(new GlueJobRunWithStateTimeout(scope, stateName, jobTimeout.minus(JOB_TASK_TIMEOUT_MARGIN), {
    glueJobName: jobName,
    integrationPattern: sfn.IntegrationPattern.RUN_JOB,
    arguments: sfn.TaskInput.fromObject({ [RUN_DATE_JOB_ARGUMENT]: RUN_DATE }),
    resultSelector: { 'JobRunId.$': '$.Id', 'JobRunState.$': '$.JobRunState' },
    resultPath: `$.jobs.${resultKey}`,
  }));
}
