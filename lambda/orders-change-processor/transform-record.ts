import type { FirehoseTransformationEventRecord, FirehoseTransformationResultRecord } from 'aws-lambda';
import { columnNames, type ColumnType, ORDER_CHANGE, validateRecord } from '../../lib/contracts';

/** Firehose's limit for one record (1,000 KiB). */
export const MAX_FIREHOSE_RECORD_BYTES = 1000 * 1024;
/** Dynamic-partitioning key the S3 prefix uses: `!{partitionKeyFromLambda:event_date}`. */
export const EVENT_DATE_PARTITION_KEY = 'event_date';

export interface TransformOutcome {
  readonly output: FirehoseTransformationResultRecord;
  /** Why the record was marked ProcessingFailed; absent when it is Ok. */
  readonly reason?: string;
}

const TIMESTAMP_COLUMNS = ORDER_CHANGE.columns.filter((c) => c.type === ('timestamp' satisfies ColumnType)).map((c) => c.name);
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

    const normalized = normalize(parsed as Record<string, unknown>);
    const eventTime = normalized.event_time as string;
    return {
      output: {
        recordId: record.recordId,
        result: 'Ok',
        data: Buffer.from(`${JSON.stringify(normalized)}\n`).toString('base64'),
        metadata: { partitionKeys: { [EVENT_DATE_PARTITION_KEY]: eventTime.slice(0, 10) } },
      },
    };
  } catch (error) {
    return failed(record, `unexpected error: ${(error as Error).message}`);
  }
}

function normalize(change: Record<string, unknown>): Record<string, unknown> {
  const normalized: Record<string, unknown> = {};
  for (const name of DATA_COLUMNS) {
    const value = change[name];
    normalized[name] = TIMESTAMP_COLUMNS.includes(name) && typeof value === 'string' ? new Date(value).toISOString() : value;
  }
  return normalized;
}

function failed(record: FirehoseTransformationEventRecord, reason: string): TransformOutcome {
  return { output: { recordId: record.recordId, result: 'ProcessingFailed', data: record.data ?? '' }, reason };
}
