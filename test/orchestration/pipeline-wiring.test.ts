import { renderLoad } from '../../lib/warehouse/load-plan';
import { stagePipeline } from '../support/pipeline-app';
import { allStates, definitionIn } from './support/asl';
import { goodDay, runLocally } from './support/local-execution';

/** The deployed app's state machine runs what the other stacks of the app built. */
const dev = stagePipeline('dev');
const { lake, etl, warehouse } = dev.stacks;
const definition = definitionIn(dev.template('orchestration'));
const states = allStates(definition);
const RUN_DATE = '2026-11-20';

test('the pipeline crawls with the ETL stack\'s crawlers and runs its two jobs', () => {
  expect(states['Crawlers to run'].Result).toEqual(etl.crawlers.crawlerNames);
  // Job names are references to the ETL stack's jobs: placeholders named after their logical ids.
  const jobOf = (state: string) => (states[state].Parameters as { JobName: string }).JobName;
  expect(jobOf('Run landing to raw job')).toContain(etl.getLogicalId(etl.jobs.landingToRaw.node.defaultChild as never));
  expect(jobOf('Run raw to curated job')).toContain(etl.getLogicalId(etl.jobs.rawToCurated.node.defaultChild as never));
});

test('the pipeline evaluates every ruleset of the ETL stack', () => {
  expect((states['Data quality checks to run'].Result as { rulesetName: string }[]).map((c) => c.rulesetName))
    .toEqual(etl.dataQuality.rulesets.map((r) => r.rulesetName));
});

describe('an execution', () => {
  let run: Awaited<ReturnType<typeof runLocally>>;
  beforeAll(async () => {
    run = await runLocally(definition, { runDate: RUN_DATE }, goodDay());
  });

  test('runs the warehouse\'s own load plan for its run date: staging, then publishing', () => {
    const masked = (sql: string) => sql.replace(/placeholder-[A-Za-z0-9-]+|\$\{Token\[[^\]]*\]\}/g, '<deploy-time value>');
    const plan = renderLoad({ runId: RUN_DATE }, {
      curatedDatabaseName: lake.catalog.curatedDatabase.databaseName, lakeRoleArn: warehouse.warehouse.copyRole.roleArn,
    });
    expect(run.outcome).toEqual({ output: expect.anything() });
    expect((run.calls['Run warehouse stage'][0].Sqls as string[]).map(masked)).toEqual(plan.stage.map((x) => masked(x.sql)));
    expect((run.calls['Run warehouse publish'][0].Sqls as string[]).map(masked)).toEqual(plan.publish.map((x) => masked(x.sql)));
  });

  test('loads through the Lake stack\'s curated database, read as the Warehouse stack\'s lake role', () => {
    // Values of other stacks arrive as stack outputs, named after the producing construct.
    const externalSchema = (run.calls['Run warehouse stage'][0].Sqls as string[])[0];
    expect(externalSchema).toMatch(/DATABASE 'placeholder-PublishOutputRefCatalogCuratedDatabase\w*'/);
    expect(externalSchema).toMatch(/IAM_ROLE 'placeholder-PublishOutputFnGetAtt\w*CopyRole\w*'/);
  });
});
