import { synthesizePipeline } from '../support/pipeline-app';
import { allStates, definitionOf } from './support/asl';
import { goodDay, runLocally } from './support/local-execution';

/** The deployed app's state machine runs what the other stacks of the app built. */
const { etl, warehouse, orchestration } = synthesizePipeline('dev').stacks;
const definition = definitionOf(orchestration);
const states = allStates(definition);
const RUN_DATE = '2026-11-20';

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
  const plan = warehouse.renderLoad({ runId: RUN_DATE });
  expect(run.outcome).toEqual({ output: expect.anything() });
  expect((run.calls['Run warehouse stage'][0].Sqls as string[]).map(masked)).toEqual(plan.stage.map((x) => masked(x.sql)));
  expect((run.calls['Run warehouse publish'][0].Sqls as string[]).map(masked)).toEqual(plan.publish.map((x) => masked(x.sql)));
});
