import type { FirehoseTransformationEventRecord, FirehoseTransformationResultRecord } from 'aws-lambda';
import { isUtf8 } from 'node:buffer';
// Each from its own module rather than the index: the index's re-exports cost a lookup per call where not bundled.
import { columnNames } from '../../lib/contracts/dataset';
import { ORDER_CHANGE, ORDER_CHANGE_PARTITION_KEY } from '../../lib/contracts/datasets/order-change';
import { utcDayOf } from '../../lib/contracts/timestamp';
import { recordCheckerOf } from '../../lib/contracts/record-checker';
import { isFaithfulJsonText, jsonTextProblem } from './json-text';

/** Firehose's limit for one record (1,000 KiB). */
export const MAX_FIREHOSE_RECORD_BYTES = 1000 * 1024;

export interface TransformOutcome {
  readonly output: FirehoseTransformationResultRecord;
  /** Why the record was marked ProcessingFailed; absent when it is Ok. */
  readonly reason?: string;
}

const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BYTE_ORDER_MARK = '\uFEFF';
const NEWLINE = Buffer.from('\n');
const DATA_COLUMNS = columnNames({ ...ORDER_CHANGE, partitionKeys: [] });
/** `conformRecord(ORDER_CHANGE, ...)`, generated from the contract: the processor checks a record per call. */
const conformOrderChange = recordCheckerOf(ORDER_CHANGE);

/**
 * Validates one change record against ORDER_CHANGE and normalizes it for the raw zone: keys and timestamps as the
 * contracts declare (`conformRecord`), columns in contract order, one JSON object per line. The event date becomes the
 * dynamic partition key. A record that is empty, not strict base64, not UTF-8, not JSON, not one object with distinct
 * keys, invalid or too large is returned unchanged as ProcessingFailed (Firehose writes it under the error prefix) with
 * the reason (https://docs.aws.amazon.com/firehose/latest/dev/data-transformation-status-model.html). Never throws.
 */
export function transformRecord(record: FirehoseTransformationEventRecord): TransformOutcome {
  try {
    const data = record.data;
    if (typeof data !== 'string' || data.length === 0) return failed(record, 'empty record');
    const raw = Buffer.from(data, 'base64');
    const base64Problem = problemOfBase64(data, raw.byteLength);
    if (base64Problem) return failed(record, base64Problem);
    if (raw.byteLength > MAX_FIREHOSE_RECORD_BYTES) return failed(record, `record is ${raw.byteLength} bytes, over the Firehose limit of ${MAX_FIREHOSE_RECORD_BYTES}`);
    // Buffer#toString would turn invalid bytes (a Windows-1252 byte, say) into U+FFFD, and the record into another one.
    if (!isUtf8(raw)) return failed(record, 'not UTF-8: the data holds bytes that are not a UTF-8 sequence');
    const text = raw.toString('utf8');
    if (text.startsWith(BYTE_ORDER_MARK)) return failed(record, 'not JSON: the text starts with a byte-order mark (RFC 8259 section 8.1)');
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      return failed(record, `not JSON: ${(error as Error).message}`);
    }
    const { reasons, changed } = conformOrderChange(parsed);
    if (reasons.length > 0) return failed(record, reasons.join('; '));

    const change = parsed as Record<string, unknown>;
    const inOrder = inContractOrder(change);
    // Most records arrive as the forwarder writes them, already in normal form and order: their bytes are delivered as
    // they are. Any other text is written again, once checked for what JSON.parse hides (a repeated key, a rounded number).
    let line: string | undefined;
    if (changed || !inOrder || !isFaithfulJsonText(text, change)) {
      line = JSON.stringify(inOrder ? change : ordered(change));
      const problem = line === text ? undefined : jsonTextProblem(text);
      if (problem) return failed(record, problem);
    }
    return {
      output: {
        recordId: record.recordId,
        result: 'Ok',
        data: (line === undefined || line === text ? Buffer.concat([raw, NEWLINE]) : Buffer.from(`${line}\n`)).toString('base64'),
        metadata: { partitionKeys: { [ORDER_CHANGE_PARTITION_KEY]: utcDayOf(change.event_time as string) } },
      },
    };
  } catch (error) {
    return failed(record, `unexpected error: ${(error as Error).message}`);
  }
}

/**
 * Why `data`, which Buffer.from decoded to `decodedBytes`, is not base64 as RFC 4648 writes it (section 4, padded).
 * Node's decoder skips characters outside the alphabet, stops at a misplaced '=' and also reads the URL-safe alphabet:
 * any skipped character leaves fewer bytes than the length promises, and '-' or '_' are looked for; a regular
 * expression would say the same at several times the cost.
 */
function problemOfBase64(data: string, decodedBytes: number): string | undefined {
  const padding = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0;
  if (data.length % 4 !== 0 || decodedBytes !== (data.length / 4) * 3 - padding || data.includes('-') || data.includes('_')) {
    return 'not base64: data must be RFC 4648 base64 with padding, and nothing else';
  }
  if (padding === 0) return undefined;
  const lastDigit = BASE64_ALPHABET.indexOf(data[data.length - padding - 1]);
  // The bits of the last digit that encode no byte must be zero (RFC 4648 section 3.5).
  return (lastDigit & (padding === 2 ? 0b1111 : 0b11)) === 0 ? undefined : 'not base64: the last digit has bits set that encode no byte';
}

/** Whether the columns are in contract order (and nothing else is there). */
function inContractOrder(change: Record<string, unknown>): boolean {
  let i = 0;
  for (const key in change) {
    if (key !== DATA_COLUMNS[i++]) return false;
  }
  return i === DATA_COLUMNS.length;
}

function ordered(change: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const name of DATA_COLUMNS) if (change[name] !== undefined) result[name] = change[name];
  return result;
}

function failed(record: FirehoseTransformationEventRecord, reason: string): TransformOutcome {
  return { output: { recordId: record.recordId, result: 'ProcessingFailed', data: record.data ?? '' }, reason };
}
