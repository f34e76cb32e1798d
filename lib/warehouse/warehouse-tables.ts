import {
  CATEGORY_REVENUE_DAILY, CURATED_CUSTOMERS, CURATED_ORDERS, CURATED_PRODUCTS, type Dataset,
} from '../contracts';

/** A reporting table and the curated dataset it mirrors (same columns, partition keys last). */
export interface WarehouseTable {
  readonly reportingTable: string;
  readonly dataset: Dataset;
}

/** Loaded in this order: dimensions before the facts that refer to them. */
export const WAREHOUSE_TABLES: readonly WarehouseTable[] = [
  { reportingTable: 'dim_product', dataset: CURATED_PRODUCTS },
  { reportingTable: 'dim_customer', dataset: CURATED_CUSTOMERS },
  { reportingTable: 'fact_orders', dataset: CURATED_ORDERS },
  { reportingTable: 'category_revenue_daily', dataset: CATEGORY_REVENUE_DAILY },
];

/** The staging table holding a dataset's rows for the current run (partition keys included). */
export function stagingTableOf(dataset: Dataset): string {
  return dataset.name;
}

/** The table COPY writes to: the file's columns only, so partitioned datasets get a separate `<name>_copy`. */
export function copyTableOf(dataset: Dataset): string {
  return (dataset.partitionKeys ?? []).length > 0 ? `${dataset.name}_copy` : dataset.name;
}

/** The curated dataset a load statement names, by name; throws naming it when the warehouse does not load it. */
export function loadedDatasetNamed(name: string): Dataset {
  const table = WAREHOUSE_TABLES.find((t) => t.dataset.name === name);
  if (!table) throw new Error(`The warehouse loads no dataset named ${name}`);
  return table.dataset;
}
