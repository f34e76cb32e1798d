import type { Column, Dataset } from '../dataset';
import { ORDER_HEADER_COLUMNS } from './order';
import { CATEGORY_REVENUE_DAILY, CURATED_CUSTOMERS, CURATED_ORDERS, CURATED_PRODUCTS } from './curated';

/**
 * What the raw-to-curated job keeps besides the curated tables, and what it tells the warehouse. Each run reads only the
 * raw files it has not read, merges what they change into the curated tables, and writes one batch of changes per
 * table the warehouse loads: every key the run touched, with its new row (UPSERT) or without (DELETE).
 */

/** Kinds of change in a change batch. */
export const CHANGE_TYPES = ['UPSERT', 'DELETE'] as const;

/** Partition column of the change tables: the batch (the run), a fixed-width UTC time, so batches sort as they ran. */
export const CHANGE_BATCH_KEY = 'batch_id';

/** Where versions of an order come from: the CDC stream, or the batch exports of the shop. */
export const VERSION_SOURCES = ['CDC', 'EXPORT'] as const;

const orderDate = { name: 'order_date', type: 'date', description: 'Day the order was placed (UTC)' } as const;

/**
 * The latest version of every order the pipeline has seen, removed ones included, with what ranks it, so that a
 * version arriving late (an export file for an earlier day, a redelivered change) is ranked against it rather than
 * against the whole raw history, and a removed order is never brought back by an older version. Internal to the
 * curated zone: the warehouse never loads it. The order's columns are empty only in the tombstone of an order whose
 * one known change is a key-only REMOVE (ORDER_CHANGE.keyOnly).
 */
export const ORDER_VERSIONS: Dataset = {
  name: 'order_versions',
  description: 'Latest version of every order ever seen, removed ones included: the state the job ranks new versions against',
  columns: [
    ...ORDER_HEADER_COLUMNS.filter((c) => c.name !== 'lines').map((c) => (c.name === 'order_id' ? c : { ...c, nullable: true })),
    { name: 'version_source', type: 'string', description: 'Where the version came from', allowedValues: VERSION_SOURCES },
    { name: 'version_time', type: 'timestamp', description: 'When the version happened: the change time (CDC) or updated_at (export)' },
    { name: 'sequence_number', type: 'string', nullable: true, description: 'Stream sequence number of a CDC version' },
    { name: 'source_partition', type: 'string', description: 'Raw partition the version was read from' },
    { name: 'removed', type: 'boolean', description: 'Whether the version is a user\'s removal: the order no longer exists' },
  ],
  businessKey: ['order_id'],
  partitionKeys: [orderDate],
};

/** The change table of a curated table: its columns (all but the key may be empty, for deletes), the kind, the batch. */
export function changesOf(dataset: Dataset): Dataset {
  const key = new Set(dataset.businessKey);
  const columns: Column[] = [...dataset.columns, ...(dataset.partitionKeys ?? [])]
    .map((c) => (key.has(c.name) ? c : { ...c, nullable: true }));
  return {
    name: `${dataset.name}_changes`,
    description: `Changes to ${dataset.name}, one batch per raw-to-curated run, for the warehouse load`,
    columns: [...columns, { name: 'change_type', type: 'string', description: 'UPSERT: the row as it now is; DELETE: the key is gone', allowedValues: CHANGE_TYPES }],
    businessKey: [...dataset.businessKey, CHANGE_BATCH_KEY],
    partitionKeys: [{ name: CHANGE_BATCH_KEY, type: 'string', description: 'The run that wrote the batch, yyyyMMddTHHmmssSSSSSSZ (UTC)' }],
  };
}

/** The change tables the warehouse loads, one per reporting table. */
export const PRODUCT_CHANGES = changesOf(CURATED_PRODUCTS);
export const CUSTOMER_CHANGES = changesOf(CURATED_CUSTOMERS);
export const ORDER_CHANGES_FEED = changesOf(CURATED_ORDERS);
export const CATEGORY_REVENUE_CHANGES = changesOf(CATEGORY_REVENUE_DAILY);
export const CHANGE_TABLES: readonly Dataset[] = [PRODUCT_CHANGES, CUSTOMER_CHANGES, ORDER_CHANGES_FEED, CATEGORY_REVENUE_CHANGES];
