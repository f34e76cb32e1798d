import { arrayOf, type Column, type Dataset, MONEY, structOf } from '../dataset';
import { EMAIL_NORMALIZATION, KEY_NORMALIZATION } from '../text-normalization';

export const ORDER_STATUSES = ['PENDING', 'PAID', 'SHIPPED', 'DELIVERED', 'CANCELLED', 'REFUNDED'] as const;
export const PAYMENT_TYPES = ['CARD', 'PAYPAL', 'BANK_TRANSFER', 'GIFT_CARD'] as const;
export const CURRENCIES = ['EUR', 'GBP', 'USD'] as const;
export const SALES_REGIONS = ['EU-WEST', 'EU-CENTRAL', 'UK', 'US-EAST', 'US-WEST'] as const;

/** One line of an order: what was bought, how many, at what unit price. */
export const ORDER_LINE_COLUMNS: readonly Column[] = [
  { name: 'sku', type: 'string', normalization: KEY_NORMALIZATION, description: 'Product stock-keeping unit' },
  { name: 'quantity', type: 'int', minimum: 1, description: 'Units ordered, at least 1' },
  { name: 'unit_price', type: MONEY, minimum: 0, description: 'Price of one unit in the order currency, not negative' },
];

/** Order columns shared by the source item and the change record, apart from the customer e-mail. */
export const ORDER_HEADER_COLUMNS: readonly Column[] = [
  { name: 'order_id', type: 'string', normalization: KEY_NORMALIZATION, description: 'Order identifier (DynamoDB partition key)' },
  { name: 'customer_id', type: 'string', normalization: KEY_NORMALIZATION, description: 'Customer who placed the order' },
  { name: 'status', type: 'string', description: 'Order status', allowedValues: ORDER_STATUSES },
  { name: 'currency', type: 'string', description: 'ISO 4217 currency of all amounts', allowedValues: CURRENCIES },
  { name: 'region', type: 'string', description: 'Sales region', allowedValues: SALES_REGIONS },
  { name: 'payment_type', type: 'string', description: 'How the order was paid', allowedValues: PAYMENT_TYPES },
  { name: 'created_at', type: 'timestamp', description: 'When the order was placed (UTC)' },
  { name: 'updated_at', type: 'timestamp', description: 'When the order last changed (UTC)' },
  { name: 'lines', type: arrayOf(structOf(ORDER_LINE_COLUMNS)), description: 'Order lines' },
];

/** An item of the DynamoDB `orders` table: the operational source of truth. */
export const ORDER: Dataset = {
  name: 'orders',
  description: 'Orders as the shop writes them to DynamoDB',
  columns: [
    ...ORDER_HEADER_COLUMNS.slice(0, 2),
    {
      name: 'customer_email', type: 'string', pii: true, normalization: EMAIL_NORMALIZATION, format: 'email',
      description: 'Customer e-mail; masked before it leaves the table',
    },
    ...ORDER_HEADER_COLUMNS.slice(2),
  ],
  businessKey: ['order_id'],
};
