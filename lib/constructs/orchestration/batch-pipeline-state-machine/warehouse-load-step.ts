import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { dataApiWarehouseParameters } from '../../../warehouse/data-api-target';
import { type LoadPlan, renderLoad } from '../../../warehouse/load-plan';
import type { WarehouseLoad } from './batch-pipeline-state-machine-props';
import { boundedPoll } from './bounded-poll';
import { PIPELINE_ERRORS } from './pipeline-errors';
import { RUN_DATE } from './run-date-step';
import { RUN_DATE_STAND_IN, runDateStatementTemplate } from './run-date-statement';
import type { StepContext } from './step-context';

/** Prefix of the Data API statement names (the step name follows), visible in Redshift's query history. */
export const WAREHOUSE_LOAD_STATEMENT_NAME = 'batch-pipeline';
/** The Data API runs at most this many statements in one batch. */
export const MAX_STATEMENTS_PER_BATCH = 40;

/** Statements run together as one transaction: a Data API BatchExecuteStatement. */
export interface WarehouseLoadStep {
  /** Short lowercase name, used in state and statement names. */
  readonly name: string;
  readonly statements: readonly string[];
}

/**
 * The load plan as Data API batches, in order: staging, then publishing, each one transaction as the load plan
 * requires. Refuses, naming `owner`, a step that is not one batch.
 */
export function warehouseLoadSteps(plan: LoadPlan, owner: string): WarehouseLoadStep[] {
  const steps = [
    { name: 'stage', statements: plan.stage.map((statement) => statement.sql) },
    { name: 'publish', statements: plan.publish.map((statement) => statement.sql) },
  ];
  for (const step of steps) {
    if (step.statements.length === 0 || step.statements.length > MAX_STATEMENTS_PER_BATCH) {
      throw new Error(`${owner}: warehouse load step ${step.name} has ${step.statements.length} statements; ` +
        `a Data API batch takes 1 to ${MAX_STATEMENTS_PER_BATCH}`);
    }
  }
  return steps;
}

/**
 * Runs the warehouse's load plan, rendered from `load.settings`, one Data API batch per step, polling each to its end.
 * The plan is rendered with a stand-in run date as its run id, which each execution replaces with its own run date:
 * the run date names the run in the audit table; what the load takes is every change batch after its last one.
 */
export function warehouseLoadStep(context: StepContext, load: WarehouseLoad): sfn.Chain {
  const plan = renderLoad({ runId: RUN_DATE_STAND_IN }, load.settings);
  const chains = warehouseLoadSteps(plan, context.scope.node.path).map((step) => {
    const sqls = step.statements.map((sql) => {
      const { template, slots } = runDateStatementTemplate(sql);
      // States.Format even without a slot: it is where every engine undoes the template's escapes.
      return sfn.JsonPath.format(template, ...Array<string>(slots).fill(RUN_DATE));
    });
    return runWarehouseStep(context, load, step.name, sqls);
  });
  return chains.slice(1).reduce((chain, next) => chain.next(next), chains[0]);
}

function runWarehouseStep({ scope, poll, failures }: StepContext, load: WarehouseLoad, step: string, sqls: string[]): sfn.Chain {
  const execute = failures.retryAndCatchAll(new tasks.CallAwsService(scope, `Run warehouse ${step}`, {
    service: 'redshiftdata',
    action: 'batchExecuteStatement',
    iamAction: 'redshift-data:BatchExecuteStatement',
    iamResources: [load.warehouseArn],
    parameters: {
      ...dataApiWarehouseParameters(load.warehouse),
      Database: load.databaseName,
      SecretArn: load.secret.secretArn,
      Sqls: sfn.JsonPath.array(...sqls),
      StatementName: `${WAREHOUSE_LOAD_STATEMENT_NAME}-${step}`,
    },
    resultSelector: { 'Id.$': '$.Id', attempt: 1 },
    resultPath: '$.load',
  }));
  const describeState = `Describe warehouse ${step}`;
  const describe = failures.retryAndCatchAll(new tasks.CallAwsService(scope, describeState, {
    service: 'redshiftdata',
    action: 'describeStatement',
    iamAction: 'redshift-data:DescribeStatement',
    // DescribeStatement has no resource-level permissions; the Data API only shows a caller its own statements.
    iamResources: ['*'],
    parameters: { Id: sfn.JsonPath.stringAt('$.load.Id') },
    resultPath: '$.status',
  }));
  const statusIs = (status: string) => sfn.Condition.stringEquals('$.status.Status', status);
  const statement = sfn.JsonPath.stringAt('$.load.Id');
  const done = new sfn.Pass(scope, `Warehouse ${step} done`);
  execute.next(boundedPoll(scope, poll, {
    what: `warehouse ${step}`,
    check: describe,
    decide: new sfn.Choice(scope, `Warehouse ${step} finished?`)
      .when(statusIs('FINISHED'), done)
      .when(statusIs('FAILED'), failures.failWith(`Warehouse ${step} failed`, PIPELINE_ERRORS.warehouseLoadFailed,
        sfn.JsonPath.format(`Warehouse ${step} statement {} failed: {}`, statement, sfn.JsonPath.stringAt('$.status.Error')), describeState))
      .when(statusIs('ABORTED'), failures.failWith(`Warehouse ${step} aborted`, PIPELINE_ERRORS.warehouseLoadAborted,
        sfn.JsonPath.format(`Warehouse ${step} statement {} was aborted`, statement), describeState)),
    attemptPath: '$.load.attempt',
    keep: { Id: statement },
    resultPath: '$.load',
    onLimit: failures.failWith(`Warehouse ${step} hung`, PIPELINE_ERRORS.pollLimitReached,
      sfn.JsonPath.format(`Warehouse ${step} statement {} still running after {} checks`, statement,
        sfn.JsonPath.stringAt('$.load.attempt')), describeState),
  }));
  // Built by hand: the loop back to the wait would otherwise count as an open end of the chain.
  return sfn.Chain.custom(execute, [done], done);
}
