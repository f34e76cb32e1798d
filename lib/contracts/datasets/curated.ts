import { decimal, type Dataset, MONEY } from '../dataset';
import { KEY_NORMALIZATION } from '../text-normalization';
import { CUSTOMER_SEGMENTS } from './customer';
import { CURRENCIES, ORDER_HEADER_COLUMNS, ORDER_STATUSES, SALES_REGIONS } from './order';
import { PRODUCT, PRODUCT_CATEGORIES } from './product';
import { CLICK_EVENT } from './clickstream';

/**
 * The curated zone: clean, deduplicated, enriched Parquet, one dataset per table. The warehouse's reporting
 * schema mirrors these tables.
 */

const orderDate = { name: 'order_date', type: 'date', description: 'Day the order was placed (UTC)' } as const;

/** The latest state of every order that still exists (removed orders are gone). */
export const CURATED_ORDERS: Dataset = {
  name: 'orders',
  description: 'Latest version of each order, one row per order',
  columns: [
    ...ORDER_HEADER_COLUMNS.filter((c) => c.name !== 'lines'),
    { name: 'line_count', type: 'int', description: 'Number of order lines' },
    { name: 'units', type: 'int', description: 'Units over all lines' },
    { name: 'order_total', type: MONEY, description: 'Sum of quantity x unit price' },
  ],
  businessKey: ['order_id'],
  partitionKeys: [orderDate],
};

/** Order lines joined with their product and customer. */
export const CURATED_ORDER_LINES: Dataset = {
  name: 'order_lines',
  description: 'Order lines enriched with product and customer attributes',
  columns: [
    { name: 'order_id', type: 'string', description: 'Order identifier' },
    { name: 'line_number', type: 'int', description: 'Position of the line in its order, from 1' },
    { name: 'sku', type: 'string', description: 'Product stock-keeping unit' },
    { name: 'product_name', type: 'string', description: 'Product name, or UNKNOWN if the SKU is not in the catalogue' },
    { name: 'category', type: 'string', description: 'Product category, or UNKNOWN', allowedValues: [...PRODUCT_CATEGORIES, 'UNKNOWN'] },
    { name: 'quantity', type: 'int', description: 'Units ordered' },
    { name: 'unit_price', type: MONEY, description: 'Price of one unit' },
    { name: 'line_revenue', type: MONEY, description: 'quantity x unit_price' },
    { name: 'currency', type: 'string', description: 'Currency of the amounts', allowedValues: CURRENCIES },
    { name: 'customer_id', type: 'string', description: 'Customer who placed the order' },
    { name: 'customer_segment', type: 'string', description: 'Customer segment, or UNKNOWN', allowedValues: [...CUSTOMER_SEGMENTS, 'UNKNOWN'] },
    { name: 'region', type: 'string', description: 'Sales region', allowedValues: SALES_REGIONS },
    { name: 'status', type: 'string', description: 'Order status', allowedValues: ORDER_STATUSES },
  ],
  businessKey: ['order_id', 'line_number'],
  partitionKeys: [orderDate],
};

/** The product dimension: the catalogue's columns, one row per SKU (latest version). */
export const CURATED_PRODUCTS: Dataset = {
  name: 'products',
  description: 'Product dimension, one row per SKU',
  columns: PRODUCT.columns,
  businessKey: ['sku'],
};

export const CURATED_CUSTOMERS: Dataset = {
  name: 'customers',
  description: 'Customer dimension without direct personal data, one row per customer',
  columns: [
    { name: 'customer_id', type: 'string', normalization: KEY_NORMALIZATION, description: 'Customer identifier' },
    {
      name: 'email_hash', type: 'string', format: 'sha256-hex',
      description: 'HMAC-SHA256 (hex) of the e-mail, normalized as EMAIL_NORMALIZATION says, under the EmailHashKey secret: equals customer_email_hash of order changes',
    },
    { name: 'country', type: 'string', description: 'ISO 3166-1 alpha-2 country code' },
    { name: 'segment', type: 'string', description: 'Customer segment', allowedValues: CUSTOMER_SEGMENTS },
    { name: 'signup_date', type: 'date', description: 'Day the customer signed up' },
    { name: 'updated_at', type: 'timestamp', description: 'When the customer last changed (UTC)' },
  ],
  businessKey: ['customer_id'],
};

/** Clickstream events as received, deduplicated on the event id. */
export const CURATED_CLICKSTREAM: Dataset = {
  name: 'clickstream',
  description: 'Deduplicated clickstream events',
  columns: CLICK_EVENT.columns,
  businessKey: ['event_id'],
  partitionKeys: [{ name: 'event_date', type: 'date', description: 'Day of the event (UTC)' }],
};

/** The category-wise revenue report: one row per day, region, category and currency. */
export const CATEGORY_REVENUE_DAILY: Dataset = {
  name: 'category_revenue_daily',
  description: 'Revenue, orders and units per day, region and product category (cancelled and refunded orders excluded)',
  columns: [
    { name: 'region', type: 'string', description: 'Sales region', allowedValues: SALES_REGIONS },
    { name: 'category', type: 'string', description: 'Product category, or UNKNOWN', allowedValues: [...PRODUCT_CATEGORIES, 'UNKNOWN'] },
    { name: 'currency', type: 'string', description: 'Currency of the revenue', allowedValues: CURRENCIES },
    { name: 'orders', type: 'bigint', description: 'Distinct orders with at least one line in the category' },
    { name: 'units', type: 'bigint', description: 'Units sold' },
    { name: 'revenue', type: decimal(18, 2), description: 'Sum of line revenue' },
  ],
  businessKey: ['order_date', 'region', 'category', 'currency'],
  partitionKeys: [orderDate],
};

export const CURATED_DATASETS: readonly Dataset[] = [
  CURATED_ORDERS, CURATED_ORDER_LINES, CURATED_PRODUCTS, CURATED_CUSTOMERS, CURATED_CLICKSTREAM, CATEGORY_REVENUE_DAILY,
];
