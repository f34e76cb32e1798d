import {
  CATEGORY_REVENUE_CHANGES, CATEGORY_REVENUE_DAILY, CURATED_CUSTOMERS, CURATED_ORDERS, CURATED_PRODUCTS, CUSTOMER_CHANGES, type Dataset,
  ORDER_CHANGES_FEED, PRODUCT_CHANGES,
} from '../contracts';

/** A reporting table, the curated dataset it mirrors (same columns, partition keys last) and the change table it loads. */
export interface WarehouseTable {
  readonly reportingTable: string;
  readonly dataset: Dataset;
  /** The change table of the curated zone whose batches the load applies; staged under the same name. */
  readonly changes: Dataset;
}

/** Loaded in this order: dimensions before the facts that refer to them. */
export const WAREHOUSE_TABLES: readonly WarehouseTable[] = [
  { reportingTable: 'dim_product', dataset: CURATED_PRODUCTS, changes: PRODUCT_CHANGES },
  { reportingTable: 'dim_customer', dataset: CURATED_CUSTOMERS, changes: CUSTOMER_CHANGES },
  { reportingTable: 'fact_orders', dataset: CURATED_ORDERS, changes: ORDER_CHANGES_FEED },
  { reportingTable: 'category_revenue_daily', dataset: CATEGORY_REVENUE_DAILY, changes: CATEGORY_REVENUE_CHANGES },
];

/** The external schema the load reads the curated database through (Redshift Spectrum). */
export const LAKE_EXTERNAL_SCHEMA = 'curated';
