import { KinesisClient, PutRecordsCommand, type PutRecordsCommandInput } from '@aws-sdk/client-kinesis';
import type * as s3assets from 'aws-cdk-lib/aws-s3-assets';
import type { DynamoDBRecord, FirehoseTransformationEvent } from 'aws-lambda';
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { forwardChanges } from '../lambda/orders-cdc-forwarder/forward-changes';
import { changeOf, firehoseEvent, orderItem } from '../lib/local/order-stream-records';
import { synthesizePipeline } from '../test/support/pipeline-app';

/**
 * The streaming handlers' speed (issue 3), each against a baseline measured in the same run:
 * - throughput on a batch of 1,000 realistic records (~1 MB) as records/s, median of RUNS runs after WARM_UP_RUNS;
 *   the forwarder's Kinesis client answers at once, so the figure is the handler's own work (mapping, validation,
 *   masking, PutRecords batching); the baseline is a bare JSON parse + stringify of the same records (+ base64 for
 *   Firehose);
 * - the size of each deployed bundle (as synthesized: minified, AWS SDK v3 left to the runtime);
 * - the cold `require` time of each bundle in a fresh Node.js process (SDK modules resolved from node_modules).
 */
const RECORDS = 1000;
const RUNS = 15;
/** Runs before timing, so both sides are measured JIT-compiled, as in a warm Lambda. */
const WARM_UP_RUNS = 5;

export default async function run(): Promise<void> {
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
  const streamRecords = Array.from({ length: RECORDS }, (_, n) => changeOf((['INSERT', 'MODIFY', 'REMOVE'] as const)[n % 3], orderItem({}, n)));
  const streamJson = streamRecords.map((r) => JSON.stringify(r));
  console.log(`DynamoDB stream batch: ${RECORDS} records, ${kib(streamJson.join(',').length)} as JSON`);

  const kinesis = new KinesisClient({ region: 'eu-west-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  kinesis.send = (async (command: PutRecordsCommand) => ({
    Records: (command.input as PutRecordsCommandInput).Records!.map((_, i) => ({ SequenceNumber: String(i), ShardId: 'shardId-0' })),
  })) as never;
  const forwarder = await recordsPerSecond(() => forwardChanges(streamRecords, { kinesis, streamName: 'bench', emailKey: 'bench-key' }));
  const forwarderBaseline = await recordsPerSecond(async () => streamJson.map((json) => JSON.stringify(JSON.parse(json) as DynamoDBRecord)));
  report('forwarder', forwarder, forwarderBaseline);

  const changes = await changeEventsOf(streamRecords, kinesis);
  const event: FirehoseTransformationEvent = firehoseEvent(changes);
  console.log(`Firehose batch: ${RECORDS} records, ${kib(changes.reduce((n, c) => n + c.length, 0))} of data`);
  const { transformRecord } = await import('../lambda/orders-change-processor/transform-record');
  const processor = await recordsPerSecond(async () => event.records.map(transformRecord));
  const processorBaseline = await recordsPerSecond(async () => event.records.map((r) =>
    Buffer.from(`${JSON.stringify(JSON.parse(Buffer.from(r.data, 'base64').toString('utf8')))}\n`).toString('base64')));
  report('processor', processor, processorBaseline);

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
  await forwardChanges(records, { kinesis, streamName: 'bench', emailKey: 'bench-key' });
  return sent;
}

async function recordsPerSecond(work: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < WARM_UP_RUNS; i++) await work();
  const rates: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = process.hrtime.bigint();
    await work();
    rates.push(RECORDS / (Number(process.hrtime.bigint() - started) / 1e9));
  }
  return rates.sort((a, b) => a - b)[Math.floor(RUNS / 2)];
}

function report(name: string, handler: number, baseline: number): void {
  const ratio = handler / baseline;
  console.log(`${name}: ${Math.round(handler).toLocaleString('en')} records/s; baseline ${Math.round(baseline).toLocaleString('en')} records/s; ` +
    `${(ratio * 100).toFixed(0)}% of baseline (target >= 50%: ${ratio >= 0.5 ? 'met' : 'NOT met'})`);
}

/** The handler bundles exactly as `cdk synth` stages them. */
function deployedBundles(): Array<[string, string]> {
  const pipeline = synthesizePipeline('dev', { asCdkSynth: true });
  const assembly = pipeline.app.synth();
  const { cdc, delivery } = pipeline.stacks.streaming;
  const bundleOf = (fn: { node: { findChild(id: string): unknown } }) =>
    join(assembly.directory, (fn.node.findChild('Code') as s3assets.Asset).assetPath, 'index.js');
  return [['forwarder', bundleOf(cdc.forwarder.function)], ['processor', bundleOf(delivery.processor.function)]];
}

function coldRequireMs(file: string): number {
  const script = `const t = process.hrtime.bigint(); require(${JSON.stringify(file)}); console.log(Number(process.hrtime.bigint() - t) / 1e6);`;
  const env = {
    ...process.env, NODE_PATH: join(__dirname, '..', 'node_modules'), AWS_REGION: 'eu-west-1',
    STREAM_NAME: 'bench', EMAIL_HASH_KEY_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:bench',
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
