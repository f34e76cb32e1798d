import { App } from 'aws-cdk-lib';
import { loadStageConfig } from '../../lib/config/load-stage-config';
import { buildPipeline } from '../../lib/pipeline';
import { OrchestrationStack } from '../../lib/stacks/orchestration-stack';
import { orchestratedResources } from '../../lib/orchestration/orchestrated-resources';
import { nagFindings } from '../support/nag';
import { CDK_JSON_CONTEXT } from '../support/pipeline-app';
import { allStates, definitionOf } from './support/asl';
import { goodDay, runLocally } from './support/local-execution';

const config = loadStageConfig('dev');
const app = new App({ context: { ...CDK_JSON_CONTEXT, stage: 'dev' } });
const s = buildPipeline(app, config);
const orchestration = new OrchestrationStack(app, 'Orchestration', {
  env: s.lake.env, config, namePrefix: 'ecommerce-dev', ...orchestratedResources(s),
});
const { etl, warehouse } = s;
const definition = definitionOf(orchestration);
const states = allStates(definition);
const RUN_DATE = '2026-11-20';

test('nag', () => expect(nagFindings(orchestration)).toEqual([]));

test('the pipeline crawls with the ETL stack\'s crawlers and runs its two jobs', () => {
  expect(states['Crawlers to run'].Result).toEqual(etl.crawlerNames);
  // Job names are references to the ETL stack's jobs: placeholders named after their logical ids.
  const jobOf = (state: string) => (states[state].Parameters as { JobName: string }).JobName;
  expect(jobOf('Run landing to raw job')).toContain(etl.getLogicalId(etl.jobs.landingToRaw.node.defaultChild as never));
  expect(jobOf('Run raw to curated job')).toContain(etl.getLogicalId(etl.jobs.rawToCurated.node.defaultChild as never));
});

test('the pipeline evaluates every ruleset of the ETL stack', () => {
  expect((states['Data quality checks to run'].Result as { rulesetName: string }[]).map((c) => c.rulesetName))
    .toEqual(etl.rulesets.map((r) => r.rulesetName));
});

test('an execution runs the warehouse\'s own load plan for its run date: staging, then publishing', async () => {
  const run = await runLocally(definition, { runDate: RUN_DATE }, goodDay());
  const masked = (sql: string) => sql.replace(/placeholder-[A-Za-z0-9-]+|\$\{Token\[[^\]]*\]\}/g, '<deploy-time value>');
  const plan = warehouse.renderLoad({ runId: RUN_DATE, partitions: [RUN_DATE] });
  expect(run.outcome).toEqual({ output: expect.anything() });
  expect((run.calls['Run warehouse stage'][0].Sqls as string[]).map(masked)).toEqual(plan.stage.map((x) => masked(x.sql)));
  expect((run.calls['Run warehouse publish'][0].Sqls as string[]).map(masked)).toEqual(plan.publish.map((x) => masked(x.sql)));
});
