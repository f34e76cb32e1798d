import type { DynamoDBRecord } from 'aws-lambda';
import { createHash } from 'node:crypto';
import { ORDER_CHANGE, QUARANTINED_CHANGE } from '../../lib/contracts';

/** Where the forwarder keeps changes it can never forward, in the quarantine zone. */
export const QUARANTINED_CHANGES_PREFIX = `${QUARANTINED_CHANGE.name}/`;

/** One quarantined change as stored: an object key and its JSON body. */
export interface QuarantineDocument {
  readonly key: string;
  readonly body: string;
}

/** Stores a document durably, or throws (the change is then retried, never dropped). */
export type KeepInQuarantine = (document: QuarantineDocument) => Promise<void>;

/** An event id that is safe as a file name; DynamoDB's are 32 hexadecimal digits. */
const SAFE_EVENT_ID = /^[A-Za-z0-9._-]{1,128}$/;

/**
 * The quarantine document of a change that can never be forwarded: a QUARANTINED_CHANGE record (one JSON line) whose
 * `raw_record` is the whole stream record, images included, under `quarantined_order_changes/ingest_date=<UTC day>/`.
 * The object is named after the event id, so a batch that is retried rewrites the same object instead of adding one;
 * a record without a usable event id is named after the SHA-256 of its content.
 */
export function quarantineDocument(record: DynamoDBRecord, reason: string, quarantinedAt: Date): QuarantineDocument {
  const rawRecord = JSON.stringify(record);
  const at = quarantinedAt.toISOString();
  const name = record.eventID !== undefined && SAFE_EVENT_ID.test(record.eventID)
    ? record.eventID
    : `sha256-${createHash('sha256').update(rawRecord).digest('hex')}`;
  const [partition] = QUARANTINED_CHANGE.partitionKeys!;
  const document = { source_dataset: ORDER_CHANGE.name, source_file: null, reason, raw_record: rawRecord, quarantined_at: at };
  return { key: `${QUARANTINED_CHANGES_PREFIX}${partition.name}=${at.slice(0, 10)}/${name}.json`, body: `${JSON.stringify(document)}\n` };
}
