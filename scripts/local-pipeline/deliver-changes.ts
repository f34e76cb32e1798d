import type { FirehoseTransformationEvent, FirehoseTransformationResult } from 'aws-lambda';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ORDER_CHANGE_PARTITION_KEY } from '../../lib/contracts';
import { ORDER_CHANGES_ERROR_PREFIX, ORDER_CHANGES_PREFIX } from '../../lib/constructs/streaming/orders-change-delivery-props';
import type { StreamedRecord } from '../../local/local-kinesis';
import { withFunctionLogs } from './function-logs';

/** Records per processor invocation (Firehose buffers them before calling the function). */
export const FIREHOSE_BATCH_SIZE = 500;
/** The error-output type Firehose puts in the error prefix for records the function failed. */
const PROCESSING_FAILED = 'processing-failed';

export interface FailedDelivery {
  readonly kinesisSequenceNumber: string;
  readonly partitionKey: string;
  readonly reason: string;
}

export interface DeliveryOutcome {
  readonly recordsIn: number;
  readonly ok: number;
  /** Records the processor marked ProcessingFailed, with the reason it logged. */
  readonly processingFailed: readonly FailedDelivery[];
  /** Raw-zone files written, relative to the raw zone. */
  readonly files: readonly string[];
}

type ProcessorHandler = (event: FirehoseTransformationEvent) => Promise<FirehoseTransformationResult>;

/** The deployed processor's handler, loaded once its Powertools settings are in the environment. */
async function processorHandler(): Promise<ProcessorHandler> {
  process.env.POWERTOOLS_SERVICE_NAME ??= 'orders-change-processor';
  process.env.POWERTOOLS_METRICS_NAMESPACE ??= 'LocalPipeline';
  // Metrics would print EMF lines; errors are the log lines that carry the reasons.
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';
  return (await import('../../lambda/orders-change-processor/handler')).handler;
}

/**
 * Kinesis -> Firehose -> raw zone: wraps the stream's records in transformation events (Kinesis stream as source),
 * invokes the real processor handler, and writes what Firehose would: `Ok` records under
 * `order_changes/event_date=<partition key from the function>/`, `ProcessingFailed` ones under the error prefix.
 * File names are numbered by batch so that a re-run writes the same files.
 */
export async function deliverChanges(streamed: readonly StreamedRecord[], rawDir: string, deliveryDate: string): Promise<DeliveryOutcome> {
  const handler = await processorHandler();
  const processingFailed: FailedDelivery[] = [];
  const files: string[] = [];
  let ok = 0;
  const write = (prefix: string, batch: number, lines: string[]) => {
    const file = join(prefix, `order-changes-${String(batch).padStart(4, '0')}.json`);
    mkdirSync(join(rawDir, prefix), { recursive: true });
    writeFileSync(join(rawDir, file), lines.join(''));
    files.push(file);
  };

  for (let start = 0, batch = 1; start < streamed.length; start += FIREHOSE_BATCH_SIZE, batch++) {
    const records = streamed.slice(start, start + FIREHOSE_BATCH_SIZE);
    const event = transformationEvent(records, batch);
    const { result, logs } = await withFunctionLogs(() => handler(event));
    const reasons = new Map(logs.filter((l) => typeof l.recordId === 'string').map((l) => [l.recordId as string, String(l.reason)]));
    const okLines = new Map<string, string[]>();
    const failedLines: string[] = [];
    result.records.forEach((output, i) => {
      if (output.result === 'Ok') {
        ok++;
        const day = output.metadata!.partitionKeys[ORDER_CHANGE_PARTITION_KEY];
        okLines.set(day, [...(okLines.get(day) ?? []), Buffer.from(output.data ?? '', 'base64').toString('utf8')]);
        return;
      }
      const reason = reasons.get(output.recordId) ?? `${output.result} without a logged reason`;
      processingFailed.push({ kinesisSequenceNumber: records[i].sequenceNumber, partitionKey: records[i].partitionKey, reason });
      // Firehose's error record; AWS keeps the function's reason in its log, joined in here for whoever reads the file.
      failedLines.push(`${JSON.stringify({ attemptsMade: 1, errorCode: 'Lambda.ProcessingFailed', errorMessage: reason, rawData: output.data })}\n`);
    });
    for (const [day, lines] of [...okLines].sort(([a], [b]) => a.localeCompare(b, 'en'))) {
      write(`${ORDER_CHANGES_PREFIX}${ORDER_CHANGE_PARTITION_KEY}=${day}`, batch, lines);
    }
    if (failedLines.length > 0) write(`${ORDER_CHANGES_ERROR_PREFIX}${PROCESSING_FAILED}/${ORDER_CHANGE_PARTITION_KEY}=${deliveryDate}`, batch, failedLines);
  }
  return { recordsIn: streamed.length, ok, processingFailed, files };
}

function transformationEvent(records: readonly StreamedRecord[], batch: number): FirehoseTransformationEvent {
  return {
    invocationId: `local-invocation-${batch}`,
    deliveryStreamArn: 'arn:aws:firehose:local:000000000000:deliverystream/order-changes',
    sourceKinesisStreamArn: 'arn:aws:kinesis:local:000000000000:stream/order-changes',
    region: 'local',
    records: records.map((record, i) => ({
      recordId: `${batch}-${i}`,
      approximateArrivalTimestamp: record.arrivalTimestamp,
      data: Buffer.from(record.data).toString('base64'),
      kinesisRecordMetadata: {
        sequenceNumber: record.sequenceNumber,
        subsequenceNumber: '0',
        partitionKey: record.partitionKey,
        shardId: record.shardId,
        approximateArrivalTimestamp: record.arrivalTimestamp,
      },
    })),
  };
}
