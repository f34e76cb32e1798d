import type { KinesisClient } from '@aws-sdk/client-kinesis';
import type { DynamoDBRecord } from 'aws-lambda';
import { toChangeEvent } from './change-event';
import { entrySize, MAX_RECORD_BYTES, putRecordsWithRetry, type PutRecordsOptions } from './put-records';
import { type KeepInQuarantine, quarantineDocument } from './quarantined-change';

export interface ForwardDependencies {
  readonly kinesis: KinesisClient;
  readonly streamName: string;
  /** HMAC key that masks customer e-mails. */
  readonly emailKey: string;
  /** Keeps the changes that can never be forwarded, whole, with the reason. */
  readonly quarantine: KeepInQuarantine;
  readonly putOptions?: PutRecordsOptions;
  /** The clock quarantine times are read from; tests pass a fixed one. @default the system clock */
  readonly now?: () => Date;
}

/** Which stream record an outcome is about. */
export interface ChangeRef {
  readonly sequenceNumber?: string;
  readonly eventId?: string;
  readonly orderId?: string;
}

export interface QuarantinedChange extends ChangeRef {
  readonly reason: string;
  /** Its object key in the quarantine zone. */
  readonly key: string;
}

export interface RetriedChange extends ChangeRef {
  /** The batch item failure Lambda retries from ('' for a record without one: Lambda then retries the whole batch). */
  readonly sequenceNumber: string;
  readonly reason: string;
}

export interface ForwardOutcome {
  readonly received: number;
  /** Changes on Kinesis, key-only deletes included. */
  readonly forwarded: number;
  /**
   * Removes forwarded as key-only deletes (their old image failed the ORDER contract), each image kept in the quarantine
   * with its reasons: counted in `forwarded`, not in `quarantined`.
   */
  readonly deletedByKey: QuarantinedChange[];
  /** Changes that can never be forwarded (invalid, too large), kept in the quarantine: handled, never retried. */
  readonly quarantined: QuarantinedChange[];
  /** Changes that failed for a passing reason (Kinesis, the quarantine write): Lambda retries them. */
  readonly retried: RetriedChange[];
}

/**
 * Forwards a batch of DynamoDB Streams records to Kinesis as change events (partition key: the order id, so one
 * order's changes stay in order on one shard). What can never be forwarded (the same on every retry: an invalid change,
 * one over the Kinesis record limit) is written whole, with its reason, to the quarantine and counts as handled; only
 * what failed for a passing reason (Kinesis still refusing after its retries, a failed quarantine write) is returned
 * for Lambda to retry. A REMOVE whose old image is invalid is forwarded as a key-only delete, its image quarantined
 * alongside (`deletedByKey`). received = forwarded + quarantined + retried: nothing is dropped.
 */
export async function forwardChanges(records: readonly DynamoDBRecord[], deps: ForwardDependencies): Promise<ForwardOutcome> {
  const quarantinedAt = (deps.now ?? (() => new Date()))();
  const refused: Array<{ record: DynamoDBRecord; reason: string }> = [];
  const invalidImages: Array<{ record: DynamoDBRecord; reason: string }> = [];
  const entries: Array<{ item: DynamoDBRecord; entry: { Data: Uint8Array; PartitionKey: string } }> = [];

  for (const record of records) {
    const result = changeEventOf(record, deps.emailKey);
    if (!result.ok) {
      refused.push({ record, reason: result.reason });
      continue;
    }
    const entry = { Data: Buffer.from(JSON.stringify(result.event)), PartitionKey: result.event.order_id };
    const size = entrySize(entry);
    if (size > MAX_RECORD_BYTES) {
      refused.push({ record, reason: `change event is ${size} bytes, over the Kinesis record limit of ${MAX_RECORD_BYTES}` });
      continue;
    }
    entries.push({ item: record, entry });
    if (result.invalidImage !== undefined) invalidImages.push({ record, reason: `deleted by its key only; the old image: ${result.invalidImage}` });
  }

  const keep = (changes: typeof refused) => Promise.all(changes.map(async ({ record, reason }) => {
    try {
      const document = quarantineDocument(record, reason, quarantinedAt);
      await deps.quarantine(document);
      return { record, quarantined: { ...refOf(record), reason, key: document.key } };
    } catch (error) {
      return { record, retried: retriedOf(record, `could not be quarantined (${(error as Error).name}: ${(error as Error).message}); ${reason}`) };
    }
  }));
  const [kept, imagesKept, outcome] = await Promise.all([
    keep(refused),
    keep(invalidImages),
    putRecordsWithRetry(deps.kinesis, deps.streamName, entries, deps.putOptions),
  ]);
  // A key-only delete is done once both its change is on Kinesis and its image in the quarantine; otherwise Lambda
  // retries it (forwarding it again is harmless: changes are deduplicated on order id and sequence number).
  const imageLost = new Set(imagesKept.flatMap((k) => (k.retried ? [k.record] : [])));
  const putFailed = new Set(outcome.failed.map(({ item }) => item));
  return {
    received: records.length,
    forwarded: outcome.succeeded.filter((item) => !imageLost.has(item)).length,
    deletedByKey: imagesKept.flatMap((k) => (k.quarantined && !putFailed.has(k.record) ? [k.quarantined] : [])),
    quarantined: kept.flatMap((k) => (k.quarantined ? [k.quarantined] : [])),
    retried: [
      ...kept.flatMap((k) => (k.retried ? [k.retried] : [])),
      ...imagesKept.flatMap((k) => (k.retried ? [k.retried] : [])),
      ...outcome.failed.filter(({ item }) => !imageLost.has(item)).map(({ item, reason }) => retriedOf(item, `Kinesis rejected it after retries: ${reason}`)),
    ],
  };
}

/** Which stream record an outcome is about; read only for the few that are not simply forwarded. */
function refOf(record: DynamoDBRecord): ChangeRef {
  return { sequenceNumber: record.dynamodb?.SequenceNumber, eventId: record.eventID, orderId: record.dynamodb?.Keys?.order_id?.S };
}

function retriedOf(record: DynamoDBRecord, reason: string): RetriedChange {
  const ref = refOf(record);
  return { ...ref, sequenceNumber: ref.sequenceNumber ?? '', reason };
}

/** One record's surprise (a shape no check foresaw) becomes its reason, never the batch's crash. */
function changeEventOf(record: DynamoDBRecord, emailKey: string): ReturnType<typeof toChangeEvent> {
  try {
    return toChangeEvent(record, emailKey);
  } catch (error) {
    return { ok: false, reason: `unexpected error: ${(error as Error).message}` };
  }
}
