import type { DynamoDBRecord } from 'aws-lambda';
import { CHANGE_OPERATIONS, ORDER, ORDER_CHANGE, validateRecord } from '../../lib/contracts';
import { imageToRecord } from './attribute-values';
import { maskEmail } from './email-mask';

/** A change record as published to Kinesis: the ORDER_CHANGE contract (see lib/contracts). */
export type OrderChangeEvent = Record<string, unknown> & { readonly order_id: string; readonly event_time: string };

export type ChangeEventResult =
  | { readonly ok: true; readonly event: OrderChangeEvent }
  | { readonly ok: false; readonly reason: string };

type Operation = (typeof CHANGE_OPERATIONS)[number];

/** The change record's columns in contract order: the e-mail is not among them, its hash is. */
const CHANGE_COLUMNS = ORDER_CHANGE.columns.map((c) => c.name);

/**
 * Turns one DynamoDB Streams record into a flat change event: the operation, stream metadata, and the order's columns
 * from the new image (the old image for REMOVE), validated against the ORDER contract, with the e-mail replaced by
 * its keyed hash. Returns the reason instead when the record cannot become a valid change event.
 */
export function toChangeEvent(record: DynamoDBRecord, emailKey: string): ChangeEventResult {
  const operation = record.eventName as Operation | undefined;
  if (!operation || !CHANGE_OPERATIONS.includes(operation)) return fail(`eventName: expected one of ${CHANGE_OPERATIONS.join(', ')}, got ${String(operation)}`);
  if (!record.eventID) return fail('eventID: missing');
  const stream = record.dynamodb;
  if (!stream?.SequenceNumber) return fail('dynamodb.SequenceNumber: missing');
  const seconds: unknown = stream.ApproximateCreationDateTime;
  if (typeof seconds !== 'number' || !Number.isFinite(seconds)) {
    return fail(`dynamodb.ApproximateCreationDateTime: expected epoch seconds, got ${JSON.stringify(seconds) ?? 'nothing'}`);
  }
  const imageName = operation === 'REMOVE' ? 'OldImage' : 'NewImage';
  const image = stream[imageName];
  if (!image) return fail(`dynamodb.${imageName}: missing (the stream must carry NEW_AND_OLD_IMAGES)`);

  let item: Record<string, unknown>;
  try {
    item = imageToRecord(image);
  } catch (error) {
    return fail(`dynamodb.${imageName}: cannot be read (${(error as Error).message})`);
  }
  const reasons = validateRecord(ORDER, item);
  const keyOrderId = stream.Keys?.order_id?.S;
  if (keyOrderId === undefined) reasons.push('dynamodb.Keys.order_id: missing or not a string');
  else if (keyOrderId !== item.order_id) reasons.push(`dynamodb.Keys.order_id: ${keyOrderId} differs from the image's order_id`);
  if (reasons.length > 0) return fail(reasons.join('; '));

  const metadata: Record<string, unknown> = {
    event_id: record.eventID,
    operation,
    sequence_number: stream.SequenceNumber,
    event_time: new Date(seconds * 1000).toISOString(),
    customer_email_hash: maskEmail(item.customer_email as string, emailKey),
  };
  const event: Record<string, unknown> = {};
  for (const name of CHANGE_COLUMNS) event[name] = name in metadata ? metadata[name] : item[name];
  return { ok: true, event: event as OrderChangeEvent };
}

function fail(reason: string): ChangeEventResult {
  return { ok: false, reason };
}
