import { type Dataset, MONEY } from '../dataset';
import { KEY_NORMALIZATION } from '../text-normalization';

export const PRODUCT_CATEGORIES = ['ELECTRONICS', 'HOME', 'FASHION', 'BEAUTY', 'SPORTS', 'TOYS', 'BOOKS', 'GROCERY'] as const;

/** The product catalogue, exported by the shop as CSV into the landing zone. */
export const PRODUCT: Dataset = {
  name: 'products',
  description: 'Product catalogue',
  columns: [
    { name: 'sku', type: 'string', normalization: KEY_NORMALIZATION, description: 'Product stock-keeping unit' },
    { name: 'product_name', type: 'string', description: 'Display name' },
    { name: 'category', type: 'string', description: 'Merchandising category', allowedValues: PRODUCT_CATEGORIES },
    { name: 'list_price', type: MONEY, description: 'Current list price in EUR' },
    { name: 'is_active', type: 'boolean', description: 'Whether the product is on sale' },
    { name: 'updated_at', type: 'timestamp', description: 'When the product last changed (UTC)' },
  ],
  businessKey: ['sku'],
};
