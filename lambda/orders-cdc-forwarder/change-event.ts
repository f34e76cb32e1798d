import type { AttributeValue, DynamoDBRecord } from 'aws-lambda';
import { emptiedColumns } from '../../lib/contracts/dataset';
// Each from its own module rather than the index: the index's re-exports cost a lookup per call where not bundled.
import { ORDER } from '../../lib/contracts/datasets/order';
import { CHANGE_OPERATIONS, ORDER_CHANGE, type REMOVAL_KINDS } from '../../lib/contracts/datasets/order-change';
import { KEY_NORMALIZATION, normalizeText } from '../../lib/contracts/text-normalization';
import { formatTimestamp } from '../../lib/contracts/timestamp';
import { imageReaderOf, type ImageReading } from './image-reader';
import { maskEmail } from './email-mask';

/** A change record as published to Kinesis: the ORDER_CHANGE contract (see lib/contracts). */
export type OrderChangeEvent = Record<string, unknown> & { readonly order_id: string; readonly event_time: string };

export type ChangeEventResult =
  | {
    readonly ok: true;
    readonly event: OrderChangeEvent;
    /** For a key-only delete: why its old image failed the ORDER contract (the image is to be quarantined with it). */
    readonly invalidImage?: string;
  }
  | { readonly ok: false; readonly reason: string };

type Operation = (typeof CHANGE_OPERATIONS)[number];

/** The change record's columns in contract order: the e-mail is not among them, its hash is. */
const CHANGE_COLUMNS = ORDER_CHANGE.columns.map((c) => c.name);
/** The change record's columns that the order image holds as they are: all but the stream metadata and the hash. */
const IMAGE_COLUMNS = CHANGE_COLUMNS.filter((name) => ORDER.columns.some((c) => c.name === name));
/** The ORDER contract's image reader, generated once as the module loads. */
const readOrderImage = imageReaderOf(ORDER);
/** Reads a stream record's `Keys` against the ORDER contract's key columns. */
const readOrderKey = imageReaderOf({ ...ORDER, columns: ORDER.columns.filter((c) => ORDER.businessKey.includes(c.name)) });
/** The image a key-only delete is composed from: the ORDER_CHANGE columns it leaves empty, as nulls (Firehose writes them). */
const EMPTY_IMAGE: Readonly<Record<string, null>> = Object.fromEntries(emptiedColumns(ORDER_CHANGE).map((name) => [name, null]));
/**
 * Builds a change event from the columns the stream record gives and those the image holds, every column in contract
 * order (which JSON.stringify keeps): generated once from ORDER_CHANGE, column names as JSON.stringify literals, so each
 * event is one object literal filled by named loads. Copying the image's columns by computed names took about a
 * twentieth of the forwarder's time.
 */
const composeEvent = new Function('stream', 'image', `return { ${CHANGE_COLUMNS.map((name) =>
  `${JSON.stringify(name)}: ${IMAGE_COLUMNS.includes(name) ? 'image' : 'stream'}[${JSON.stringify(name)}]`).join(', ')} };`,
) as (stream: Record<string, unknown>, image: Record<string, unknown>) => OrderChangeEvent;
/** The view the orders table's stream has; with another, the images a change needs are missing. */
const STREAM_VIEW_TYPE = 'NEW_AND_OLD_IMAGES';
/**
 * Bounds of `ApproximateCreationDateTime`, epoch seconds "rounded down to the closest second"
 * (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_StreamRecord.html): from the launch of
 * DynamoDB Streams to 2100. A value in milliseconds (a replay tool's, or Kinesis Data Streams for DynamoDB's) is
 * thousands of years beyond, and refused rather than forwarded as such a date.
 */
const EARLIEST_CHANGE_SECONDS = Date.UTC(2014, 10, 1) / 1000;
const LATEST_CHANGE_SECONDS = Date.UTC(2100, 0, 1) / 1000;

/** How DynamoDB names itself as the remover of an item its time to live expired (API_streams_Identity, see REMOVAL_KINDS). */
const TTL_IDENTITY = { type: 'Service', principalId: 'dynamodb.amazonaws.com' } as const;

/** For a REMOVE, who removed the item: TTL when the record's `userIdentity` is DynamoDB's, a user otherwise. */
function removedBy(record: DynamoDBRecord): (typeof REMOVAL_KINDS)[number] {
  const identity = record.userIdentity as { type?: unknown; principalId?: unknown } | undefined;
  return identity?.type === TTL_IDENTITY.type && identity.principalId === TTL_IDENTITY.principalId ? 'TTL' : 'USER';
}

/**
 * Turns one DynamoDB Streams record into a flat change event: the operation, stream metadata, and the order's columns
 * from the new image (the old image for REMOVE, whether a user or TTL deleted the item; `removed_by` tells them apart by
 * the record's `userIdentity`, https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_Record.html,
 * so the pipeline can keep TTL-expired orders as history), normalized and validated
 * against the ORDER contract, with the e-mail replaced by its keyed hash. A REMOVE whose old image fails the contract
 * becomes a key-only delete (`keyOnlyRemove`). Returns the reason instead when the record can never become a valid
 * change event: it is the same on every retry.
 */
export function toChangeEvent(record: DynamoDBRecord, emailKey: string): ChangeEventResult {
  const operation = record.eventName as Operation | undefined;
  if (!operation || !CHANGE_OPERATIONS.includes(operation)) return fail(`eventName: expected one of ${CHANGE_OPERATIONS.join(', ')}, got ${String(operation)}`);
  if (!record.eventID) return fail('eventID: missing');
  const stream = record.dynamodb;
  if (!stream?.SequenceNumber) return fail('dynamodb.SequenceNumber: missing');
  const seconds: unknown = stream.ApproximateCreationDateTime;
  if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < EARLIEST_CHANGE_SECONDS || seconds >= LATEST_CHANGE_SECONDS) {
    const unit = typeof seconds === 'number' && seconds / 1000 >= EARLIEST_CHANGE_SECONDS && seconds / 1000 < LATEST_CHANGE_SECONDS ? ' (milliseconds?)' : '';
    return fail(`dynamodb.ApproximateCreationDateTime: expected whole epoch seconds between 2014 and 2100, got ${JSON.stringify(seconds) ?? 'nothing'}${unit}`);
  }
  if (stream.StreamViewType !== undefined && stream.StreamViewType !== STREAM_VIEW_TYPE) {
    return fail(`dynamodb.StreamViewType: expected ${STREAM_VIEW_TYPE}, got ${stream.StreamViewType} (the change carries no order to forward)`);
  }
  const imageName = operation === 'REMOVE' ? 'OldImage' : 'NewImage';
  const image = stream[imageName];
  if (!image) return fail(`dynamodb.${imageName}: missing (the stream must carry NEW_AND_OLD_IMAGES)`);

  let reading: ImageReading;
  try {
    reading = readOrderImage(image);
  } catch (error) {
    reading = { record: {}, reasons: [`dynamodb.${imageName}: cannot be read (${(error as Error).message})`] };
  }
  const { record: item, reasons } = reading;
  const keyOrderId = stream.Keys?.order_id?.S;
  if (typeof keyOrderId !== 'string') reasons.push('dynamodb.Keys.order_id: missing or not a string');
  else if (item.order_id !== undefined && normalizeText(keyOrderId, KEY_NORMALIZATION) !== item.order_id) {
    reasons.push(`dynamodb.Keys.order_id: ${JSON.stringify(keyOrderId)} differs from the image's order_id`);
  }
  const metadata = {
    event_id: record.eventID,
    operation,
    removed_by: operation === 'REMOVE' ? removedBy(record) : null,
    sequence_number: stream.SequenceNumber,
    event_time: formatTimestamp({ epochSeconds: seconds, micros: 0 }),
  };
  if (reasons.length > 0) return operation === 'REMOVE' ? keyOnlyRemove(metadata, stream.Keys, reasons) : fail(reasons.join('; '));

  return { ok: true, event: composeEvent({ ...metadata, customer_email_hash: maskEmail(item.customer_email as string, emailKey) }, item) };
}

/**
 * A REMOVE whose old image fails the ORDER contract still deletes the order: a key-only change (ORDER_CHANGE.keyOnly)
 * carrying the item's key as the stream record's `Keys` give it, the image to be quarantined with its reasons. Only a
 * key that cannot be read leaves nothing to delete: the whole change is then refused.
 */
function keyOnlyRemove(metadata: Record<string, unknown>, keys: Record<string, AttributeValue> | undefined, imageReasons: string[]): ChangeEventResult {
  let key: ImageReading;
  try {
    key = keys ? readOrderKey(keys) : { record: {}, reasons: ['dynamodb.Keys: missing'] };
  } catch (error) {
    key = { record: {}, reasons: [`dynamodb.Keys: cannot be read (${(error as Error).message})`] };
  }
  const invalidImage = imageReasons.join('; ');
  if (key.reasons.length > 0) return fail(`${invalidImage}; no key to delete by: ${key.reasons.map((r) => `dynamodb.Keys.${r}`).join('; ')}`);
  return { ok: true, event: composeEvent({ ...metadata, customer_email_hash: null }, { ...EMPTY_IMAGE, ...key.record }), invalidImage };
}

function fail(reason: string): ChangeEventResult {
  return { ok: false, reason };
}
