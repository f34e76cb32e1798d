import { loadStageConfig, StageConfigError, validateStageConfig } from '../../lib/config/load-stage-config';
import type { StageConfig } from '../../lib/config/stage-config';
import { BASE_STAGE, DEFAULT_STAGE, stageFrom, STAGES } from '../../lib/config/stages';

/** A valid prod configuration with one change applied, for probing one rule at a time. */
function prodWith(change: (config: Record<string, any>) => void): unknown {
  const config = structuredClone(STAGES.prod) as Record<string, any>;
  change(config);
  return config;
}

function errorOf(candidate: unknown): string {
  try {
    validateStageConfig(candidate, 'prod');
  } catch (error) {
    expect(error).toBeInstanceOf(StageConfigError);
    return (error as Error).message;
  }
  throw new Error('expected the configuration to be rejected');
}

describe('choosing a stage', () => {
  test.each(Object.keys(STAGES))('the shipped %s stage is valid', (stage) => {
    expect(loadStageConfig(stage).stage).toBe(stage);
  });

  test('no stage context means the dev stage', () => {
    expect(DEFAULT_STAGE).toBe('dev');
    expect(loadStageConfig(undefined).stage).toBe('dev');
  });

  test('an unknown stage names the context key and the stages that exist', () => {
    expect(() => loadStageConfig('qa')).toThrow('Unknown stage "qa" (context key "stage"): expected one of "dev", "prod"');
  });

  test('dev reserves no Lambda concurrency, so it deploys in a fresh account', () => {
    expect(loadStageConfig('dev').reservedConcurrency).toEqual({});
  });

  test('dev\'s warehouse is Redshift Serverless, with nothing to pay for compute while idle; prod keeps a provisioned cluster', () => {
    expect(loadStageConfig('dev').warehouse).toMatchObject({ kind: 'serverless', baseCapacityRpus: 4, monthlyRpuHoursLimit: 60 });
    expect(loadStageConfig('prod').warehouse).toMatchObject({ kind: 'provisioned', nodeType: 'ra3.xlplus', numberOfNodes: 2 });
  });

  test('dev runs the cheapest idle stream and interface endpoints in one AZ; prod two', () => {
    expect(loadStageConfig('dev').streaming.kinesisCapacity).toEqual({ mode: 'PROVISIONED', shardCount: 1 });
    expect(loadStageConfig('dev').network.interfaceEndpointAzs).toBe(1);
    expect(loadStageConfig('prod').network.interfaceEndpointAzs).toBe(2);
  });

  test('prod retains its data and dev may destroy it', () => {
    expect(loadStageConfig('prod').removalPolicy).toBe('retain');
    expect(loadStageConfig('dev').removalPolicy).toBe('destroy');
  });
});

describe('validation names the key, the bad value and what is allowed', () => {
  test.each<[string, (c: Record<string, any>) => void, string]>([
    ['a malformed alarm e-mail', (c) => { c.orchestration.alarmEmail = 'oncall-at-example'; },
      'orchestration.alarmEmail: got "oncall-at-example"; expected an e-mail address such as data-oncall@example.com'],
    ['a zero shard count', (c) => { c.streaming.kinesisCapacity.shardCount = 0; },
      'streaming.kinesisCapacity.shardCount: got 0; Too small: expected number to be >=1'],
    ['a shard count on an on-demand stream, where it means nothing', (c) => { c.streaming.kinesisCapacity.mode = 'ON_DEMAND'; },
      'streaming.kinesisCapacity.shardCount: unknown key; remove it or check its spelling'],
    ['a Firehose buffer under a minute, which dynamic partitioning does not offer', (c) => { c.streaming.firehoseBufferIntervalSeconds = 59; },
      'streaming.firehoseBufferIntervalSeconds: got 59; Too small: expected number to be >=60'],
    ['a negative retention', (c) => { c.lake.landingExpirationDays = -5; },
      'lake.landingExpirationDays: got -5; Too small: expected number to be >=1'],
    ['a reservation of no executions', (c) => { c.reservedConcurrency.cdcForwarder = 0; },
      'reservedConcurrency.cdcForwarder: got 0; Too small: expected number to be >=1'],
    ['a log retention CloudWatch does not offer', (c) => { c.logRetentionDays = 10; },
      'logRetentionDays: got 10; expected one of the retention periods CloudWatch Logs supports'],
    ['an unknown capacity mode', (c) => { c.streaming.kinesisCapacity.mode = 'AUTO'; },
      'streaming.kinesisCapacity.mode: got "AUTO"; Invalid discriminator value. Expected \'ON_DEMAND\' | \'PROVISIONED\''],
    ['a provisioned stream without a shard count', (c) => { delete c.streaming.kinesisCapacity.shardCount; },
      'streaming.kinesisCapacity.shardCount: got nothing;'],
    ['an unknown Redshift node type', (c) => { c.warehouse.nodeType = 'ra3.huge'; },
      'warehouse.nodeType: got "ra3.huge"; Invalid option: expected one of'],
    ['a zero node count', (c) => { c.warehouse.numberOfNodes = 0; },
      'warehouse.numberOfNodes: got 0; Too small: expected number to be >=1'],
    ['the default Redshift port', (c) => { c.warehouse.port = 5439; },
      'warehouse.port: got 5439; the default port 5439 is not allowed'],
    ['a warehouse kind that does not exist', (c) => { c.warehouse.kind = 'aurora'; },
      'warehouse.kind: got "aurora"; Invalid discriminator value. Expected \'provisioned\' | \'serverless\''],
    ['an interface endpoint in no AZ', (c) => { c.network.interfaceEndpointAzs = 0; },
      'network.interfaceEndpointAzs: got 0; Too small: expected number to be >=1'],
    ['a malformed schedule', (c) => { c.orchestration.schedule = 'every day'; },
      'orchestration.schedule: got "every day"; expected rate(N unit) or cron('],
    ['a Glue worker type that does not exist', (c) => { c.etl.workerType = 'G.3X'; },
      'etl.workerType: got "G.3X"; Invalid option: expected one of'],
    ['a string where a boolean belongs', (c) => { c.etl.flexExecution = 'yes'; },
      'etl.flexExecution: got "yes"; Invalid input: expected boolean, received string'],
    ['a misspelt key', (c) => { c.lake.landingExpiryDays = 3; },
      'lake.landingExpiryDays: unknown key; remove it or check its spelling'],
    ['change batches kept less than two weeks', (c) => { c.lake.changeBatchExpirationDays = 7; },
      'lake.changeBatchExpirationDays: got 7; Too small: expected number to be >=14'],
    ['Glacier before Infrequent Access', (c) => { c.lake.rawGlacierAfterDays = 30; },
      'lake.rawGlacierAfterDays: got 30; must be greater than lake.rawInfrequentAccessAfterDays (30)'],
    ['prod without retention', (c) => { c.removalPolicy = 'destroy'; },
      'removalPolicy: got "destroy"; prod must retain its data: expected "retain"'],
  ])('%s is rejected', (_case, change, expected) => {
    expect(errorOf(prodWith(change))).toContain(expected);
  });

  test.each<[string, (w: Record<string, any>) => void, string]>([
    ['a base capacity Redshift Serverless does not offer', (w) => { w.baseCapacityRpus = 12; },
      'warehouse.baseCapacityRpus: got 12; expected 4, or a multiple of 8 from 8 to 512'],
    ['a port outside what Redshift Serverless accepts', (w) => { w.port = 5477; },
      'warehouse.port: got 5477; expected a port in 5431-5455 or 8191-8215'],
    ['the default port on Redshift Serverless', (w) => { w.port = 5439; },
      'warehouse.port: got 5439; the default port 5439 is not allowed'],
    ['a node type on Redshift Serverless', (w) => { w.nodeType = 'ra3.large'; },
      'warehouse.nodeType: unknown key; remove it or check its spelling'],
  ])('a serverless warehouse with %s is rejected', (_case, change, expected) => {
    const config = structuredClone(STAGES.dev) as Record<string, any>;
    change(config.warehouse);
    expect(errorOf(config)).toContain(expected);
  });

  test('every problem is reported at once, under the stage name', () => {
    const message = errorOf(prodWith((c) => {
      c.streaming.kinesisCapacity.shardCount = 0;
      c.orchestration.alarmEmail = 'nope';
    }));
    expect(message.split('\n')).toEqual([
      'Invalid configuration for stage "prod":',
      expect.stringContaining('streaming.kinesisCapacity.shardCount'),
      expect.stringContaining('orchestration.alarmEmail'),
    ]);
  });

  test('a valid configuration comes back unchanged', () => {
    const config: StageConfig = STAGES.dev;
    expect(validateStageConfig(structuredClone(config))).toEqual(config);
  });
});

describe('a stage is the base with its overrides', () => {
  test('dev is the base, keeping change batches 30 days instead of the default', () => {
    expect(STAGES.dev).toEqual({ ...BASE_STAGE, stage: 'dev', lake: { ...BASE_STAGE.lake, changeBatchExpirationDays: 30 } });
    expect(STAGES.prod.lake.changeBatchExpirationDays).toBeUndefined();
  });

  test('a section is overridden key by key, and keeps the base\'s other keys', () => {
    const stage = stageFrom({ stage: 'qa', lake: { landingExpirationDays: 14 } });
    expect(stage.lake).toEqual({ ...BASE_STAGE.lake, landingExpirationDays: 14 });
    expect(stage.etl).toEqual(BASE_STAGE.etl);
  });

  test('the warehouse is replaced whole, so a provisioned stage carries no Serverless key', () => {
    expect(STAGES.prod.warehouse).not.toHaveProperty('baseCapacityRpus');
    expect(validateStageConfig(STAGES.prod, 'prod').warehouse.kind).toBe('provisioned');
  });
});

describe('how a problem is written', () => {
  test('the error is a StageConfigError by name too, as the CDK CLI prints it', () => {
    expect(() => validateStageConfig(42)).toThrow(expect.objectContaining({ name: 'StageConfigError' }));
  });

  test('a configuration that is not an object is a problem of the root, under the stage name "custom" when none is given', () => {
    expect(() => validateStageConfig(42)).toThrow(
      new StageConfigError('Invalid configuration for stage "custom":\n  - (root): got 42; Invalid input: expected object, received number'),
    );
  });

  test('an unknown key at the top level is named alone, with no path in front', () => {
    expect(errorOf({ ...STAGES.prod, colour: 'blue' }).split('\n')).toContain('  - colour: unknown key; remove it or check its spelling');
  });

  test('unknown keys side by side are named together', () => {
    expect(errorOf(prodWith((c) => { c.lake.a = 1; c.lake.b = 2; })).split('\n')).toContain('  - lake.a, lake.b: unknown key; remove it or check its spelling');
  });

  test('a value matching none of a plain union\'s options is shown whole', () => {
    expect(errorOf(prodWith((c) => { c.logRetentionDays = { days: 10 }; })))
      .toContain('logRetentionDays: got {"days":10}; expected one of the retention periods CloudWatch Logs supports');
  });
});
