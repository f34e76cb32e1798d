import { KinesisClient, PutRecordsCommand, type PutRecordsCommandInput } from '@aws-sdk/client-kinesis';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { App } from 'aws-cdk-lib';
import type * as s3assets from 'aws-cdk-lib/aws-s3-assets';
import type { DynamoDBRecord, FirehoseTransformationEvent } from 'aws-lambda';
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { forwardChanges } from '../lambda/orders-cdc-forwarder/forward-changes';
import { loadStageConfig } from '../lib/config/load-stage-config';
import { buildPipeline } from '../lib/pipeline';
import { changeOf, firehoseEvent, orderItem } from '../local/order-stream-records';
import { CDK_JSON_CONTEXT } from '../test/support/pipeline-app';

/**
 * The streaming handlers' speed (issues 3 and 13), each against a baseline measured in the same run:
 * - throughput on a batch of 1,000 realistic records (~1 MB) as records/s, median of RUNS runs after WARM_UP_RUNS,
 *   handler and baseline taking turns and timed in this process's CPU time, so that other processes on a busy machine
 *   slow neither side. The forwarder's Kinesis client answers at once, so its figure is the handler's own work
 *   (reading, normalization, validation, masking, PutRecords batching); its baseline is the SDK's bare `unmarshall` of
 *   each record's image and `JSON.stringify`. The processor's work (strict base64, UTF-8 and JSON reading,
 *   normalization, validation) is set against base64 decoding, `JSON.parse`, `JSON.stringify` and base64 encoding;
 * - the size of each deployed bundle (as synthesized: minified, AWS SDK v3 left to the runtime);
 * - the cold `require` time of each bundle in a fresh Node.js process (SDK modules resolved from node_modules).
 */
const RECORDS = 1000;
const RUNS = 31;
/** Runs before timing, so both sides are measured JIT-compiled, as in a warm Lambda. */
const WARM_UP_RUNS = 5;
/** Least share of its baseline each handler must reach (issue 13). */
const FORWARDER_TARGET = 0.6;
const PROCESSOR_TARGET = 0.8;
/** The forwarder quarantines nothing here: every bench record is valid. */
const noQuarantine = async () => undefined;

export default async function run(): Promise<void> {
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
  const streamRecords = Array.from({ length: RECORDS }, (_, n) => changeOf((['INSERT', 'MODIFY', 'REMOVE'] as const)[n % 3], orderItem({}, n)));
  const streamJson = streamRecords.map((r) => JSON.stringify(r));
  console.log(`DynamoDB stream batch: ${RECORDS} records, ${kib(streamJson.join(',').length)} as JSON`);

  const kinesis = new KinesisClient({ region: 'eu-west-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  // Answers from a prepared list: building the answer is the fake's work, not the forwarder's.
  const accepted = Array.from({ length: RECORDS }, (_, i) => ({ SequenceNumber: String(i), ShardId: 'shardId-0' }));
  kinesis.send = (async (command: PutRecordsCommand) => ({
    Records: accepted.slice(0, (command.input as PutRecordsCommandInput).Records!.length),
  })) as never;
  const [forwarder, forwarderBaseline] = await recordsPerSecond(
    () => forwardChanges(streamRecords, { kinesis, streamName: 'bench', emailKey: 'bench-key', quarantine: noQuarantine }),
    async () => streamRecords.map(({ dynamodb }) => JSON.stringify(unmarshall((dynamodb!.NewImage ?? dynamodb!.OldImage) as Parameters<typeof unmarshall>[0]))),
  );
  report('forwarder', forwarder, forwarderBaseline, FORWARDER_TARGET);

  const changes = await changeEventsOf(streamRecords, kinesis);
  const event: FirehoseTransformationEvent = firehoseEvent(changes);
  console.log(`Firehose batch: ${RECORDS} records, ${kib(changes.reduce((n, c) => n + c.length, 0))} of data`);
  const { transformRecord } = await import('../lambda/orders-change-processor/transform-record');
  const [processor, processorBaseline] = await recordsPerSecond(
    async () => event.records.map(transformRecord),
    async () => event.records.map((r) => Buffer.from(`${JSON.stringify(JSON.parse(Buffer.from(r.data, 'base64').toString('utf8')))}\n`).toString('base64')),
  );
  report('processor', processor, processorBaseline, PROCESSOR_TARGET);

  for (const [name, file] of deployedBundles()) {
    console.log(`${name} bundle: ${kib(statSync(file).size)} minified (${kib(statSync(`${file}.map`).size)} source map); cold require ${coldRequireMs(file).toFixed(1)} ms (median of 5)`);
  }
}

async function changeEventsOf(records: DynamoDBRecord[], kinesis: KinesisClient): Promise<string[]> {
  const sent: string[] = [];
  const send = kinesis.send.bind(kinesis);
  kinesis.send = (async (command: PutRecordsCommand) => {
    sent.push(...command.input.Records!.map((r) => Buffer.from(r.Data!).toString('utf8')));
    return send(command);
  }) as never;
  await forwardChanges(records, { kinesis, streamName: 'bench', emailKey: 'bench-key', quarantine: noQuarantine });
  return sent;
}

/** Records per CPU second of `handler` and of `baseline`, the median of RUNS runs each, the two taking turns. */
async function recordsPerSecond(handler: () => Promise<unknown>, baseline: () => Promise<unknown>): Promise<[number, number]> {
  const rates: [number[], number[]] = [[], []];
  for (let i = 0; i < WARM_UP_RUNS + RUNS; i++) {
    for (const [side, work] of [handler, baseline].entries()) {
      const started = process.cpuUsage();
      await work();
      const { user, system } = process.cpuUsage(started);
      if (i >= WARM_UP_RUNS) rates[side].push(RECORDS / ((user + system) / 1e6));
    }
  }
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
  return [median(rates[0]), median(rates[1])];
}

function report(name: string, handler: number, baseline: number, target: number): void {
  const ratio = handler / baseline;
  console.log(`${name}: ${Math.round(handler).toLocaleString('en')} records/s; baseline ${Math.round(baseline).toLocaleString('en')} records/s; ` +
    `${(ratio * 100).toFixed(0)}% of baseline (target >= ${(target * 100).toFixed(0)}%: ${ratio >= target ? 'met' : 'NOT met'})`);
}

/** The handler bundles exactly as `cdk synth` stages them. */
function deployedBundles(): Array<[string, string]> {
  const app = new App({ context: { ...CDK_JSON_CONTEXT, stage: 'dev' }, builtinCloudFormationValidation: false });
  const { cdc, delivery } = buildPipeline(app, loadStageConfig('dev')).streaming;
  const assembly = app.synth();
  const bundleOf = (fn: { node: { findChild(id: string): unknown } }) =>
    join(assembly.directory, (fn.node.findChild('Code') as s3assets.Asset).assetPath, 'index.js');
  return [['forwarder', bundleOf(cdc.forwarder.function)], ['processor', bundleOf(delivery.processor.function)]];
}

function coldRequireMs(file: string): number {
  const script = `const t = process.hrtime.bigint(); require(${JSON.stringify(file)}); console.log(Number(process.hrtime.bigint() - t) / 1e6);`;
  const env = {
    ...process.env, NODE_PATH: join(__dirname, '..', 'node_modules'), AWS_REGION: 'eu-west-1',
    STREAM_NAME: 'bench', EMAIL_HASH_KEY_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:bench', QUARANTINE_BUCKET: 'bench',
  };
  const timings = Array.from({ length: 5 }, () => {
    const result = spawnSync(process.execPath, ['-e', script], { env, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`require(${file}) failed:\n${result.stderr}`);
    return Number(result.stdout.trim());
  });
  return timings.sort((a, b) => a - b)[2];
}

function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}
