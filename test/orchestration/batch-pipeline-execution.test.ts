import {
  DEFAULT_MAX_POLLS, DEFAULT_POLL_INTERVAL, FAILURE_SUBJECT, PIPELINE_ERRORS, SUCCESS_SUBJECT,
} from '../../lib/constructs/orchestration/batch-pipeline-state-machine';
import { renderLoad } from '../../lib/warehouse/load-plan';
import { definitionOf } from './support/asl';
import { awsError, crawlerIs, goodDay, inTurn, jobRun, runLocally } from './support/local-execution';
import { STAND_IN, standInPipeline } from './support/stand-in-pipeline';

/**
 * The synthesized state machine, executed by aws-local-stepfunctions. Every AWS call is answered at the Task boundary
 * with what the service would return, so these tests check the orchestration: order, retries, waits, failures, alerts.
 */
const definition = definitionOf(standInPipeline().stack);
const MAX_POLLS = 3;
const boundedDefinition = definitionOf(standInPipeline({ maxPolls: MAX_POLLS }).stack);

const RUN_DATE = '2026-11-20';
const failedWith = (name: string) => ({ error: expect.objectContaining({ name }) });

describe('a run that goes well', () => {
  let run: Awaited<ReturnType<typeof runLocally>>;
  beforeAll(async () => {
    run = await runLocally(definition, { runDate: RUN_DATE }, goodDay());
  });

  test('succeeds', () => {
    expect(run.outcome).toEqual({ output: expect.objectContaining({ runDate: RUN_DATE }) });
  });

  test('crawls with every crawler before the jobs run', () => {
    expect(run.calls['Start crawler'].map((p) => p.Name)).toEqual([...STAND_IN.crawlerNames]);
  });

  test('runs both jobs for the run date, each with a timeout below the job\'s own', () => {
    expect(run.calls['Run landing to raw job']).toEqual([
      { JobName: STAND_IN.landingToRawJobName, Arguments: { '--run_date': RUN_DATE } },
    ]);
    expect(run.calls['Run raw to curated job']).toEqual([
      { JobName: STAND_IN.rawToCuratedJobName, Arguments: { '--run_date': RUN_DATE } },
    ]);
  });

  test('evaluates every ruleset on its table, with the tables its referential rules name', () => {
    expect(run.calls['Start data quality evaluation'].map((p) => [p.RulesetNames, p.DataSource, p.AdditionalDataSources])).toEqual([
      [['test-orders-rules'], { GlueTable: { DatabaseName: 'test_curated', TableName: 'orders' } }, {}],
      [['test-order-lines-rules'], { GlueTable: { DatabaseName: 'test_curated', TableName: 'order_lines' } },
        { orders: { GlueTable: { DatabaseName: 'test_curated', TableName: 'orders' } } }],
    ]);
  });

  test('bounds each evaluation by the time the pipeline waits for it: 240 polls 30 s apart, 2 hours', () => {
    expect(run.calls['Start data quality evaluation'].map((p) => p.Timeout)).toEqual([120, 120]);
    expect([DEFAULT_POLL_INTERVAL.toSeconds(), DEFAULT_MAX_POLLS]).toEqual([30, 240]);
  });

  test('loads the warehouse step by step, each step one batch: the load plan rendered for the run date', () => {
    const connection = { ClusterIdentifier: STAND_IN.clusterIdentifier, Database: STAND_IN.databaseName, SecretArn: STAND_IN.secretArn };
    const plan = renderLoad({ runId: RUN_DATE }, { ...STAND_IN.loadSettings, lakeRoleArn: STAND_IN.deployedLakeRoleArn });
    expect(run.calls['Run warehouse stage']).toEqual([expect.objectContaining({ ...connection, Sqls: plan.stage.map((s) => s.sql) })]);
    expect(run.calls['Run warehouse publish']).toEqual([expect.objectContaining({ ...connection, Sqls: plan.publish.map((s) => s.sql) })]);
  });

  test('polls each load step until it finishes, then publishes success', () => {
    expect(run.calls['Describe warehouse stage']).toEqual([{ Id: 'stage-1' }, { Id: 'stage-1' }]);
    expect(run.calls['Describe warehouse publish']).toEqual([{ Id: 'publish-1' }]);
    expect(run.calls['Notify success']).toEqual([expect.objectContaining({
      Subject: SUCCESS_SUBJECT,
      Message: expect.objectContaining({ runDate: RUN_DATE, status: 'SUCCEEDED' }),
    })]);
    expect(run.calls['Notify failure']).toBeUndefined();
  });
});

describe('the run date', () => {
  test('is today (UTC) when the input names none, as when a trigger starts the run', async () => {
    // aws-local-stepfunctions sets $$.Execution.StartTime from the clock: only Date is faked, timers stay real. Half an
    // hour before midnight UTC is already tomorrow in most time zones east of UTC, so a local day would show.
    jest.useFakeTimers({
      now: new Date('2026-11-23T23:30:00Z'),
      doNotFake: ['nextTick', 'setImmediate', 'clearImmediate', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'queueMicrotask', 'hrtime', 'performance'],
    });
    try {
      const run = await runLocally(definition, [{ trigger: 'landing' }], goodDay());
      expect(run.calls['Run landing to raw job'][0].Arguments).toEqual({ '--run_date': '2026-11-23' });
    } finally {
      jest.useRealTimers();
    }
  });

  test('that is not a date string stops the run before anything starts', async () => {
    const run = await runLocally(definition, { runDate: 20261120 }, goodDay());
    expect(run.outcome).toEqual(failedWith(PIPELINE_ERRORS.invalidRunDate));
    expect(run.calls['List running executions']).toBeUndefined();
  });

  // The run date is written into the warehouse's SQL: whatever is not a real day stops the run before any call.
  test.each([
    ['a quote that would end the SQL string', "2026-11-20' OR '1'='1"],
    ['a second statement', "2026-11-20'; DROP TABLE reporting.fact_orders; --"],
    ['a day the month does not have', '2026-02-30'],
    ['29 February of a common year', '2023-02-29'],
    ['a thirteenth month', '2026-13-01'],
    ['a day without its leading zero', '2026-11-2'],
    ['a two-digit year', '26-11-20'],
    ['a fourth part', '2026-11-20-01'],
    ['a doubled dash', '2026--11-20'],
    ['a timestamp', '2026-11-20T00:00:00Z'],
    ['trailing white space', '2026-11-20 '],
    ['a year before the calendar', '1999-12-31'],
    ['nothing', ''],
  ])('given as %s (%j), stops the run before any call', async (_, runDate) => {
    const run = await runLocally(definition, { runDate }, goodDay());
    expect(run.outcome).toEqual(failedWith(PIPELINE_ERRORS.invalidRunDate));
    expect(run.calls).toEqual({});
  });

  test.each(['2024-02-29', '2000-02-29', '2099-12-31'])('given as the real day %s, is the day the run loads', async (runDate) => {
    const run = await runLocally(definition, { runDate }, goodDay());
    expect(run.outcome).toEqual({ output: expect.objectContaining({ runDate }) });
    expect(run.calls['Run warehouse publish']).toEqual([expect.objectContaining({ Sqls: expect.arrayContaining([expect.stringContaining(`'${runDate}'`)]) })]);
  });
});

test('a second execution stops at once while another is running', async () => {
  const run = await runLocally(definition, {}, {
    ...goodDay(),
    'List running executions': () => ({ Executions: [{ status: 'RUNNING' }, { status: 'RUNNING' }] }),
  });
  expect(run.outcome).toEqual(failedWith(PIPELINE_ERRORS.alreadyRunning));
  expect(run.calls['Start crawler']).toBeUndefined();
});

describe('crawlers', () => {
  test('a crawler already running is waited on, not an error', async () => {
    const run = await runLocally(definition, { runDate: RUN_DATE }, {
      ...goodDay(),
      'Start crawler': () => { throw awsError('Glue.CrawlerRunningException'); },
    });
    expect(run.outcome).toEqual({ output: expect.anything() });
    expect(run.calls['Get crawler'].length).toBeGreaterThanOrEqual(STAND_IN.crawlerNames.length);
  });

  test('a failed crawl fails the run and is notified with the crawler', async () => {
    const run = await runLocally(definition, { runDate: RUN_DATE }, { ...goodDay(), 'Get crawler': crawlerIs('READY', 'FAILED') });
    expect(run.outcome).toEqual(failedWith(PIPELINE_ERRORS.crawlerFailed));
    expect(run.calls['Notify failure'][0].Message).toEqual(expect.objectContaining({
      failedState: 'Crawl', error: PIPELINE_ERRORS.crawlerFailed, cause: expect.stringMatching(/ended FAILED/),
    }));
    expect(run.calls['Run landing to raw job']).toBeUndefined();
  });

  test('a crawl that never ends fails the run after the configured number of checks', async () => {
    const run = await runLocally(boundedDefinition, { runDate: RUN_DATE }, { ...goodDay(), 'Get crawler': crawlerIs('RUNNING') });
    expect(run.outcome).toEqual(failedWith(PIPELINE_ERRORS.pollLimitReached));
    expect(run.calls['Get crawler']).toHaveLength(MAX_POLLS * STAND_IN.crawlerNames.length);
  });
});

describe('Glue jobs', () => {
  test('a failed job fails the run and is notified with the state and the cause', async () => {
    const run = await runLocally(definition, { runDate: RUN_DATE }, {
      ...goodDay(),
      'Run landing to raw job': () => { throw awsError('States.TaskFailed', '{"JobRunState":"FAILED","ErrorMessage":"AnalysisException"}'); },
    });
    expect(run.outcome).toEqual(failedWith('States.TaskFailed'));
    expect(run.calls['Notify failure']).toEqual([expect.objectContaining({
      Subject: FAILURE_SUBJECT,
      Message: expect.objectContaining({
        runDate: RUN_DATE,
        failedState: 'Run landing to raw job',
        error: 'States.TaskFailed',
        cause: expect.stringContaining('AnalysisException'),
      }),
    })]);
    expect(run.calls['Run raw to curated job']).toBeUndefined();
  });

  test('throttling is retried and the run goes on', async () => {
    const run = await runLocally(definition, { runDate: RUN_DATE }, {
      ...goodDay(),
      'Run raw to curated job': inTurn(() => { throw awsError('Glue.ThrottlingException'); }, jobRun('jr_curated')),
    });
    expect(run.outcome).toEqual({ output: expect.anything() });
    expect(run.calls['Run raw to curated job']).toHaveLength(2);
    expect(run.calls['Notify failure']).toBeUndefined();
  });
});

test('a data quality breach stops the run before the warehouse load and names the ruleset', async () => {
  const run = await runLocally(definition, { runDate: RUN_DATE }, { ...goodDay(), 'Get data quality result': () => ({ Score: 0.75 }) });
  expect(run.outcome).toEqual(failedWith(PIPELINE_ERRORS.dataQualityBreach));
  expect(run.calls['Notify failure'][0].Message).toEqual(expect.objectContaining({
    failedState: 'Evaluate data quality',
    cause: expect.stringMatching(/^Ruleset test-.*-rules on test_curated\.\w+ scored 0.75/),
  }));
  expect(run.calls['Run warehouse stage']).toBeUndefined();
});

test('a failed warehouse statement fails the run with Redshift\'s error, before the next step', async () => {
  const run = await runLocally(definition, { runDate: RUN_DATE }, {
    ...goodDay(),
    'Describe warehouse stage': () => ({ Status: 'FAILED', Error: 'ERROR: Spectrum Scan Error: file has an invalid version number' }),
  });
  expect(run.outcome).toEqual(failedWith(PIPELINE_ERRORS.warehouseLoadFailed));
  expect(run.calls['Notify failure'][0].Message).toEqual(expect.objectContaining({
    failedState: 'Describe warehouse stage',
    cause: 'Warehouse stage statement stage-1 failed: ERROR: Spectrum Scan Error: file has an invalid version number',
  }));
  expect(run.calls['Run warehouse publish']).toBeUndefined();
  expect(run.calls['Notify success']).toBeUndefined();
});

test('a warehouse statement that never ends fails the run after the configured number of checks', async () => {
  const run = await runLocally(boundedDefinition, { runDate: RUN_DATE }, { ...goodDay(), 'Describe warehouse stage': () => ({ Status: 'STARTED' }) });
  expect(run.outcome).toEqual(failedWith(PIPELINE_ERRORS.pollLimitReached));
  expect(run.calls['Describe warehouse stage']).toHaveLength(MAX_POLLS);
  expect(run.calls['Notify failure'][0].Message).toEqual(expect.objectContaining({ failedState: 'Describe warehouse stage' }));
  expect(run.calls['Run warehouse publish']).toBeUndefined();
});
