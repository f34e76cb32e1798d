import type { KinesisClient } from '@aws-sdk/client-kinesis';
import type { DynamoDBRecord } from 'aws-lambda';
import { toChangeEvent } from './change-event';
import { entrySize, MAX_RECORD_BYTES, putRecordsWithRetry, type PutRecordsOptions } from './put-records';

export interface ForwardDependencies {
  readonly kinesis: KinesisClient;
  readonly streamName: string;
  /** HMAC key that masks customer e-mails. */
  readonly emailKey: string;
  readonly putOptions?: PutRecordsOptions;
}

export interface RejectedRecord {
  /** The stream record's sequence number: the batch item failure Lambda retries from. */
  readonly sequenceNumber: string;
  readonly eventId?: string;
  readonly orderId?: string;
  readonly reason: string;
}

export interface ForwardOutcome {
  readonly received: number;
  readonly forwarded: number;
  /** Every record not forwarded, with why; received = forwarded + rejected.length. */
  readonly rejected: RejectedRecord[];
}

/**
 * Forwards a batch of DynamoDB Streams records to Kinesis as change events (partition key: the order id, so one
 * order's changes stay in order on one shard). A record that is invalid, too large, or still rejected by Kinesis
 * after the retries is returned as rejected with its reason; nothing is dropped.
 */
export async function forwardChanges(records: readonly DynamoDBRecord[], deps: ForwardDependencies): Promise<ForwardOutcome> {
  const rejected: RejectedRecord[] = [];
  const entries: Array<{ item: RejectedRecord; entry: { Data: Uint8Array; PartitionKey: string } }> = [];

  for (const record of records) {
    const sequenceNumber = record.dynamodb?.SequenceNumber ?? '';
    const base = { sequenceNumber, eventId: record.eventID, orderId: record.dynamodb?.Keys?.order_id?.S };
    const result = changeEventOf(record, deps.emailKey);
    if (!result.ok) {
      rejected.push({ ...base, reason: result.reason });
      continue;
    }
    const entry = { Data: Buffer.from(JSON.stringify(result.event)), PartitionKey: result.event.order_id };
    if (entrySize(entry) > MAX_RECORD_BYTES) {
      rejected.push({ ...base, reason: `change event is ${entrySize(entry)} bytes, over the Kinesis record limit of ${MAX_RECORD_BYTES}` });
      continue;
    }
    entries.push({ item: { ...base, reason: '' }, entry });
  }

  const outcome = await putRecordsWithRetry(deps.kinesis, deps.streamName, entries, deps.putOptions);
  rejected.push(...outcome.failed.map(({ item, reason }) => ({ ...item, reason: `Kinesis rejected it after retries: ${reason}` })));
  return { received: records.length, forwarded: outcome.succeeded.length, rejected };
}

/** One record's surprise (a shape no check foresaw) becomes its reason, never the batch's crash. */
function changeEventOf(record: DynamoDBRecord, emailKey: string): ReturnType<typeof toChangeEvent> {
  try {
    return toChangeEvent(record, emailKey);
  } catch (error) {
    return { ok: false, reason: `unexpected error: ${(error as Error).message}` };
  }
}
