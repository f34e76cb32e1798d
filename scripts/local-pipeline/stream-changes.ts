import { PutRecordsCommand } from '@aws-sdk/client-kinesis';
import type { DynamoDBRecord } from 'aws-lambda';
import { forwardChanges, type QuarantinedChange, type RetriedChange } from '../../lambda/orders-cdc-forwarder/forward-changes';
import { LOCAL_EMAIL_HASH_KEY } from '../../local/email-hash-key-view';
import { type LocalKinesis, type StreamedRecord } from '../../local/local-kinesis';
import { directoryQuarantine } from '../../local/local-quarantine';

/** Records Lambda hands the forwarder per invocation (the DynamoDB Streams event source default). */
export const STREAM_BATCH_SIZE = 100;
export const CHANGE_STREAM_NAME = 'order-changes';
/** Partition key of the records another producer writes to the change stream. */
export const FOREIGN_PRODUCER_KEY = 'legacy-feed';

export interface StreamOutcome {
  readonly recordsIn: number;
  readonly forwarded: number;
  /** Changes the forwarder can never forward, kept in the quarantine zone with their reasons. */
  readonly quarantined: readonly QuarantinedChange[];
  /** What the forwarder reported as batch item failures (failed for a passing reason), with its reasons. */
  readonly batchItemFailures: readonly RetriedChange[];
  readonly foreignRecords: number;
  /** Everything on the stream, read back from the start. */
  readonly streamed: readonly StreamedRecord[];
}

/**
 * DynamoDB Streams -> forwarder -> Kinesis: hands the stream records to the forwarder's logic in Lambda-sized batches,
 * exactly as its handler does (the handler only adds fetching the hashing key from Secrets Manager, and S3 as the
 * quarantine zone, here the directory `quarantineDir`), lets another producer write to the same stream, and reads the
 * stream back. Quarantine times come from `clock`, so a re-run writes the same documents.
 */
export async function streamChanges(
  kinesis: LocalKinesis,
  records: readonly DynamoDBRecord[],
  foreignRecords: readonly string[],
  quarantineDir: string,
  clock: () => Date,
  streamName = CHANGE_STREAM_NAME,
): Promise<StreamOutcome> {
  await kinesis.createStream(streamName);
  const quarantined: QuarantinedChange[] = [];
  const batchItemFailures: RetriedChange[] = [];
  let forwarded = 0;
  for (let start = 0; start < records.length; start += STREAM_BATCH_SIZE) {
    const outcome = await forwardChanges(records.slice(start, start + STREAM_BATCH_SIZE), {
      kinesis: kinesis.client, streamName, emailKey: LOCAL_EMAIL_HASH_KEY,
      quarantine: directoryQuarantine(quarantineDir), now: clock,
    });
    forwarded += outcome.forwarded;
    quarantined.push(...outcome.quarantined);
    batchItemFailures.push(...outcome.retried);
  }
  if (foreignRecords.length > 0) {
    await kinesis.client.send(new PutRecordsCommand({
      StreamName: streamName,
      Records: foreignRecords.map((data) => ({ Data: Buffer.from(data), PartitionKey: FOREIGN_PRODUCER_KEY })),
    }));
  }
  return {
    recordsIn: records.length, forwarded, quarantined, batchItemFailures, foreignRecords: foreignRecords.length,
    streamed: await kinesis.readRecords(streamName),
  };
}
