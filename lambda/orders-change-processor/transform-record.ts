import type { FirehoseTransformationEventRecord, FirehoseTransformationResultRecord } from 'aws-lambda';
import { columnNames, ORDER_CHANGE, ORDER_CHANGE_PARTITION_KEY, validateRecord } from '../../lib/contracts';

/** Firehose's limit for one record (1,000 KiB). */
export const MAX_FIREHOSE_RECORD_BYTES = 1000 * 1024;

export interface TransformOutcome {
  readonly output: FirehoseTransformationResultRecord;
  /** Why the record was marked ProcessingFailed; absent when it is Ok. */
  readonly reason?: string;
}

const TIMESTAMP_COLUMNS = ORDER_CHANGE.columns.filter((c) => c.type === 'timestamp').map((c) => c.name);
/** What the normalization produces (Date#toISOString); such values are kept as they are. */
const CANONICAL_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const ZONE = /(Z|[+-]\d{2}:?\d{2})$/;
const LINE_FEED = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const NEWLINE = Buffer.from('\n');
const DATA_COLUMNS = columnNames({ ...ORDER_CHANGE, partitionKeys: [] });

/**
 * Validates one change record against ORDER_CHANGE and normalizes it for the raw zone: columns in contract order,
 * timestamps as UTC ISO 8601 with milliseconds, one JSON object per line. The event date becomes the dynamic
 * partition key. A record that is empty, not JSON, invalid or too large is returned unchanged as ProcessingFailed
 * (Firehose writes it under the error prefix) with the reason. Never throws.
 */
export function transformRecord(record: FirehoseTransformationEventRecord): TransformOutcome {
  try {
    const raw = Buffer.from(record.data ?? '', 'base64');
    if (raw.byteLength === 0) return failed(record, 'empty record');
    if (raw.byteLength > MAX_FIREHOSE_RECORD_BYTES) return failed(record, `record is ${raw.byteLength} bytes, over the Firehose limit of ${MAX_FIREHOSE_RECORD_BYTES}`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw.toString('utf8'));
    } catch (error) {
      return failed(record, `not JSON: ${(error as Error).message}`);
    }
    const reasons = validateRecord(ORDER_CHANGE, parsed);
    if (reasons.length > 0) return failed(record, reasons.join('; '));

    const change = parsed as Record<string, unknown>;
    const normalized = isNormalized(change) ? undefined : normalize(change);
    const eventTime = (normalized ?? change).event_time as string;
    // Most records arrive already normalized (the forwarder writes them so): their bytes are kept as they are.
    const line = normalized || raw.includes(LINE_FEED) || raw.includes(CARRIAGE_RETURN)
      ? Buffer.from(`${JSON.stringify(normalized ?? change)}\n`)
      : Buffer.concat([raw, NEWLINE]);
    return {
      output: {
        recordId: record.recordId,
        result: 'Ok',
        data: line.toString('base64'),
        metadata: { partitionKeys: { [ORDER_CHANGE_PARTITION_KEY]: eventTime.slice(0, 10) } },
      },
    };
  } catch (error) {
    return failed(record, `unexpected error: ${(error as Error).message}`);
  }
}

/** Whether the columns are in contract order and every timestamp is canonical. */
function isNormalized(change: Record<string, unknown>): boolean {
  let i = 0;
  for (const key in change) {
    if (key !== DATA_COLUMNS[i++]) return false;
  }
  return TIMESTAMP_COLUMNS.every((name) => CANONICAL_TIMESTAMP.test(change[name] as string));
}

function normalize(change: Record<string, unknown>): Record<string, unknown> {
  const normalized: Record<string, unknown> = {};
  for (const name of DATA_COLUMNS) {
    const value = change[name];
    normalized[name] = TIMESTAMP_COLUMNS.includes(name) && typeof value === 'string' && !CANONICAL_TIMESTAMP.test(value)
      ? toUtc(value)
      : value;
  }
  return normalized;
}

/** A timestamp the validator accepted, in UTC with milliseconds; one without a zone is taken as UTC, never local time. */
function toUtc(timestamp: string): string {
  const iso = timestamp.replace(' ', 'T');
  return new Date(ZONE.test(iso) ? iso : `${iso}Z`).toISOString();
}

function failed(record: FirehoseTransformationEventRecord, reason: string): TransformOutcome {
  return { output: { recordId: record.recordId, result: 'ProcessingFailed', data: record.data ?? '' }, reason };
}
