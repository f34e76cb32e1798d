import { stageAssembly } from '../support/stage-assembly';

/**
 * The alarms the README promises, found by walking every resource of each stage's synthesized app rather than by
 * naming the resources: a function, queue, delivery stream, Glue job, state machine, Kinesis stream or warehouse added
 * without its alarms, or a watched one dropped from them, fails here. Each alarm is read with its values. The templates
 * are those the suite synthesizes once per stage.
 */
type Json = Record<string, any>;
interface Resource {
  readonly stack: string;
  readonly id: string;
  readonly type: string;
  readonly properties: Json;
}
interface Alarm {
  readonly id: string;
  readonly metric: string;
  /** The resource its one dimension names: `stack/logicalId`, or a literal name. */
  readonly watches: string;
  readonly values: Json;
}

/** CDK's own handlers, not the pipeline's: each runs only during a deploy, where a failure fails the deploy itself. */
const DEPLOY_TIME_FUNCTIONS = [
  /^CustomS3AutoDeleteObjectsCustomResourceProviderHandler/, // empties dev's buckets when the stack is deleted
  /^CustomVpcRestrictDefaultSGCustomResourceProviderHandler/, // strips the default security group's rules
  /^AWS679f53fac002430cb0da5b7982bd2287/, // AwsCustomResource: the serverless usage limit
];

/** Every alarm sends to the alerts topic when it fires and when it clears, and decides on one period. */
const NOTIFIES = {
  AlarmActions: [{ Ref: expect.stringMatching(/^AlertsTopic/) }],
  OKActions: [{ Ref: expect.stringMatching(/^AlertsTopic/) }],
  EvaluationPeriods: 1,
};
/** A quiet pipeline is a healthy one: no data is no alarm, over 5-minute periods. */
const EVERY_FIVE_MINUTES_QUIET_IS_FINE = { ...NOTIFIES, Period: 300, TreatMissingData: 'notBreaching' };
const ANY_ONE = { ...EVERY_FIVE_MINUTES_QUIET_IS_FINE, Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold' };
/** Records waiting more than 5 minutes to be read are late. */
const LATE_AFTER_5_MINUTES = {
  ...EVERY_FIVE_MINUTES_QUIET_IS_FINE, Statistic: 'Maximum', Threshold: 300_000, ComparisonOperator: 'GreaterThanThreshold',
};

interface Stage {
  readonly resources: Resource[];
  readonly alarms: Alarm[];
  readonly glueRules: Json[];
  of(type: string): Resource[];
  /** The alarms on `metric` watching `resource`. */
  alarmsOn(resource: Resource | string, metric: string): Alarm[];
}

function walk(stage: 'dev' | 'prod'): Stage {
  const synthesized = stageAssembly(stage);
  const templates = new Map<string, Json>();
  for (const key of synthesized.stackKeys) templates.set(synthesized.stack(key).stackName, synthesized.stack(key).template);
  /** What a dimension value names, following a cross-stack reference to the resource behind it. */
  const named = (value: unknown, stack: string): string => {
    if (typeof value === 'string') return value;
    const v = value as Json;
    if (v.Ref) return `${stack}/${v.Ref}`;
    if (v['Fn::GetAtt']) return `${stack}/${v['Fn::GetAtt'][0]}`;
    if (v['Fn::GetStackOutput']) {
      const { StackName, OutputName } = v['Fn::GetStackOutput'];
      return named(templates.get(StackName)!.Outputs[OutputName].Value, StackName);
    }
    throw new Error(`unexpected dimension value ${JSON.stringify(value)}`);
  };
  const resources: Resource[] = [];
  const alarms: Alarm[] = [];
  const glueRules: Json[] = [];
  for (const [stack, template] of templates) {
    for (const [id, { Type: type, Properties: properties = {} }] of Object.entries<Json>(template.Resources)) {
      resources.push({ stack, id, type, properties });
      if (type === 'AWS::CloudWatch::Alarm') {
        const { Dimensions: dimensions, MetricName, Namespace } = properties;
        expect(dimensions).toHaveLength(1);
        alarms.push({ id, metric: `${Namespace}:${MetricName}`, watches: named(dimensions[0].Value, stack), values: properties });
      }
      if (type === 'AWS::Events::Rule' && properties.EventPattern.source?.includes('aws.glue')) {
        glueRules.push({ ...properties, jobNames: properties.EventPattern.detail.jobName.map((v: unknown) => named(v, stack)) });
      }
    }
  }
  const key = (resource: Resource | string) => (typeof resource === 'string' ? resource : `${resource.stack}/${resource.id}`);
  return {
    resources,
    alarms,
    glueRules,
    of: (type) => resources.filter((r) => r.type === type),
    alarmsOn: (resource, metric) => alarms.filter((a) => a.watches === key(resource) && a.metric === metric),
  };
}

const stages: Record<string, Stage> = {};
beforeAll(() => {
  for (const stage of ['dev', 'prod'] as const) stages[stage] = walk(stage);
});

/** Exactly one alarm on `metric` watches `resource`, with `values`. */
function expectOneAlarm(stage: Stage, resource: Resource | string, metric: string, values: Json): void {
  const found = stage.alarmsOn(resource, metric);
  expect(found.map((a) => a.id)).toHaveLength(1);
  expect(found[0].values).toMatchObject(values);
}

describe.each(['dev', 'prod'])('the %s stage', (name) => {
  const stage = () => stages[name];

  test('every pipeline function alarms on any error and any throttle; only CDK\'s deploy-time handlers have none', () => {
    const functions = stage().of('AWS::Lambda::Function');
    const pipeline = functions.filter((f) => !DEPLOY_TIME_FUNCTIONS.some((pattern) => pattern.test(f.id)));
    expect(pipeline.map((f) => f.id).sort()).toEqual(expect.arrayContaining([
      expect.stringMatching(/^OrdersCdcForwarderFunction/), expect.stringMatching(/^OrderChangeDeliveryProcessorFunction/),
      expect.stringMatching(/^SchemaMigratorFunction/),
    ]));
    for (const fn of pipeline) {
      expectOneAlarm(stage(), fn, 'AWS/Lambda:Errors', { ...ANY_ONE, Statistic: 'Sum' });
      expectOneAlarm(stage(), fn, 'AWS/Lambda:Throttles', { ...ANY_ONE, Statistic: 'Sum' });
    }
    for (const fn of functions.filter((f) => !pipeline.includes(f))) expect(stage().alarmsOn(fn, 'AWS/Lambda:Errors')).toEqual([]);
  });

  test('every queue is a dead-letter queue that alarms on any visible message, or redrives to one', () => {
    const queues = stage().of('AWS::SQS::Queue');
    expect(queues.length).toBeGreaterThanOrEqual(2);
    for (const queue of queues) {
      const redrive = queue.properties.RedrivePolicy;
      const deadLetters = redrive ? `${queue.stack}/${redrive.deadLetterTargetArn['Fn::GetAtt'][0]}` : `${queue.stack}/${queue.id}`;
      expectOneAlarm(stage(), deadLetters, 'AWS/SQS:ApproximateNumberOfMessagesVisible', { ...ANY_ONE, Statistic: 'Maximum' });
    }
  });

  test('every delivery stream alarms when its oldest record is over 15 minutes old, and on any failed delivery', () => {
    const streams = stage().of('AWS::KinesisFirehose::DeliveryStream');
    expect(streams).toHaveLength(1);
    for (const stream of streams) {
      expectOneAlarm(stage(), stream, 'AWS/Firehose:DeliveryToS3.DataFreshness', {
        ...EVERY_FIVE_MINUTES_QUIET_IS_FINE, Statistic: 'Maximum', Threshold: 900, ComparisonOperator: 'GreaterThanThreshold',
      });
      expectOneAlarm(stage(), stream, 'AWS/Firehose:DeliveryToS3.Success', {
        ...EVERY_FIVE_MINUTES_QUIET_IS_FINE, Statistic: 'Minimum', Threshold: 1, ComparisonOperator: 'LessThanThreshold',
      });
    }
  });

  test('every Kinesis stream, and the function reading the table\'s stream, alarm when records wait over 5 minutes', () => {
    const streams = stage().of('AWS::Kinesis::Stream');
    expect(streams).toHaveLength(1);
    for (const stream of streams) expectOneAlarm(stage(), stream, 'AWS/Kinesis:GetRecords.IteratorAgeMilliseconds', LATE_AFTER_5_MINUTES);
    const tableReaders = stage().of('AWS::Lambda::EventSourceMapping').filter((m) => /DynamoDBEventSource/.test(m.id));
    expect(tableReaders).toHaveLength(1);
    for (const mapping of tableReaders) {
      expectOneAlarm(stage(), `${mapping.stack}/${mapping.properties.FunctionName.Ref}`, 'AWS/Lambda:IteratorAge', LATE_AFTER_5_MINUTES);
    }
  });

  test('every Glue job\'s failure, timeout, error or stop is sent to the alerts topic', () => {
    const jobs = stage().of('AWS::Glue::Job');
    expect(jobs).toHaveLength(2);
    expect(stage().glueRules).toHaveLength(1);
    const [rule] = stage().glueRules;
    expect(rule.jobNames.sort()).toEqual(jobs.map((job) => `${job.stack}/${job.id}`).sort());
    expect(rule.EventPattern).toMatchObject({ 'detail-type': ['Glue Job State Change'], detail: { state: ['FAILED', 'TIMEOUT', 'ERROR', 'STOPPED'] } });
    expect(rule.Targets).toEqual([expect.objectContaining({ Arn: { Ref: expect.stringMatching(/^AlertsTopic/) } })]);
  });

  test('every state machine alarms on any failed and any timed-out execution', () => {
    const machines = stage().of('AWS::StepFunctions::StateMachine');
    expect(machines).toHaveLength(1);
    for (const machine of machines) {
      expectOneAlarm(stage(), machine, 'AWS/States:ExecutionsFailed', { ...ANY_ONE, Statistic: 'Sum' });
      expectOneAlarm(stage(), machine, 'AWS/States:ExecutionsTimedOut', { ...ANY_ONE, Statistic: 'Sum' });
    }
  });

  test('every record a streaming function sets aside alarms, one metric per function', () => {
    expectOneAlarm(stage(), 'orders-cdc-forwarder', 'EcommercePipeline/Streaming:ChangesQuarantined', { ...ANY_ONE, Statistic: 'Sum' });
    expectOneAlarm(stage(), 'orders-change-processor', 'EcommercePipeline/Streaming:ChangeRecordsFailed', { ...ANY_ONE, Statistic: 'Sum' });
  });

  test('every alarm of the app is one of those above, and notifies the alerts topic', () => {
    const counted = stage().alarms.length;
    expect(counted).toBe(name === 'dev' ? 17 : 18);
    for (const alarm of stage().alarms) expect(alarm.values).toMatchObject(NOTIFIES);
  });
});

test('dev\'s serverless warehouse alarms when a day uses more than a 31st of its 60 RPU-hours a month', () => {
  const [workgroup] = stages.dev.of('AWS::RedshiftServerless::Workgroup');
  expectOneAlarm(stages.dev, workgroup.properties.WorkgroupName, 'AWS/Redshift-Serverless:ComputeSeconds', {
    ...NOTIFIES, Period: 86_400, Statistic: 'Sum', Threshold: 6967, ComparisonOperator: 'GreaterThanThreshold', TreatMissingData: 'notBreaching',
  });
  expect(Math.floor((60 * 3600) / 31)).toBe(6967);
});

test('prod\'s cluster alarms when unhealthy or silent (missing data breaches), and when its disk is over 80 % full', () => {
  const [cluster] = stages.prod.of('AWS::Redshift::Cluster');
  const identifier = cluster.properties.ClusterIdentifier;
  expectOneAlarm(stages.prod, identifier, 'AWS/Redshift:HealthStatus', {
    ...NOTIFIES, Period: 300, Statistic: 'Minimum', Threshold: 1, ComparisonOperator: 'LessThanThreshold', TreatMissingData: 'breaching',
  });
  expectOneAlarm(stages.prod, identifier, 'AWS/Redshift:PercentageDiskSpaceUsed', {
    ...NOTIFIES, Period: 300, Statistic: 'Maximum', Threshold: 80, ComparisonOperator: 'GreaterThanThreshold', TreatMissingData: 'notBreaching',
  });
});
