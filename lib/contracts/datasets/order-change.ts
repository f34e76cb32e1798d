import type { Dataset } from '../dataset';
import { ORDER_HEADER_COLUMNS } from './order';

export const CHANGE_OPERATIONS = ['INSERT', 'MODIFY', 'REMOVE'] as const;

/**
 * Who removed an order: a user (an application's DeleteItem) or DynamoDB's time to live. A TTL deletion's stream record
 * names the DynamoDB service as its `userIdentity` (`{type: 'Service', principalId: 'dynamodb.amazonaws.com'}`,
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_Identity.html). Policy: an order the
 * table's TTL expires is retention housekeeping, not a business event, so the curated zone and the warehouse keep it as
 * history at its last version; a user's delete removes it from both.
 */
export const REMOVAL_KINDS = ['USER', 'TTL'] as const;

/** The partition of change records: the UTC day of the event, as Firehose partitions them and Athena projects them. */
export const ORDER_CHANGE_PARTITION_KEY = 'event_date';

/**
 * What a key-only delete carries: the stream metadata and the order's key, which the curated tables and the warehouse
 * delete by. The forwarder sends one when the old image of a REMOVE fails the ORDER contract but the item's key is
 * readable (the image goes to the quarantine with its reasons), so an order that became invalid can still be deleted.
 */
export const KEY_ONLY_REMOVE_COLUMNS = ['event_id', 'operation', 'removed_by', 'sequence_number', 'event_time', 'order_id'] as const;

/**
 * A change to one order, as the CDC forwarder publishes it to Kinesis and Firehose writes it to the raw zone
 * (JSON Lines, partitioned by event date). The order columns carry the new image, or the old image for REMOVE;
 * the e-mail is replaced by a keyed hash. A REMOVE may instead be key-only: every other column empty.
 */
export const ORDER_CHANGE: Dataset = {
  name: 'order_changes',
  description: 'Change records of the orders table (CDC), one per insert, modify or remove',
  columns: [
    { name: 'event_id', type: 'string', description: 'DynamoDB Streams event id' },
    { name: 'operation', type: 'string', description: 'Kind of change', allowedValues: CHANGE_OPERATIONS },
    {
      name: 'removed_by', type: 'string', nullable: true, allowedValues: REMOVAL_KINDS,
      description: 'For REMOVE: USER (a delete) or TTL (the table\'s time to live expired the item); empty otherwise',
    },
    { name: 'sequence_number', type: 'string', description: 'Stream sequence number; orders changes to one order' },
    { name: 'event_time', type: 'timestamp', description: 'When DynamoDB recorded the change (UTC)' },
    ...ORDER_HEADER_COLUMNS.slice(0, 2),
    { name: 'customer_email_hash', type: 'string', format: 'sha256-hex', description: 'Keyed hash (HMAC-SHA256) of the customer e-mail' },
    ...ORDER_HEADER_COLUMNS.slice(2),
  ],
  businessKey: ['order_id', 'sequence_number'],
  partitionKeys: [{ name: ORDER_CHANGE_PARTITION_KEY, type: 'string', description: 'Event date, yyyy-MM-dd (UTC)' }],
  keyOnly: { when: { column: 'operation', equals: 'REMOVE' }, columns: KEY_ONLY_REMOVE_COLUMNS },
};
