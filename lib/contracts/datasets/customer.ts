import type { Dataset } from '../dataset';
import { EMAIL_NORMALIZATION, KEY_NORMALIZATION } from '../text-normalization';

export const CUSTOMER_SEGMENTS = ['CONSUMER', 'BUSINESS', 'VIP'] as const;

/** Customers, exported by the shop as CSV into the landing zone. */
export const CUSTOMER: Dataset = {
  name: 'customers',
  description: 'Customer master data',
  columns: [
    { name: 'customer_id', type: 'string', normalization: KEY_NORMALIZATION, description: 'Customer identifier' },
    { name: 'email', type: 'string', pii: true, normalization: EMAIL_NORMALIZATION, description: 'E-mail address; hashed in the curated zone' },
    { name: 'full_name', type: 'string', pii: true, description: 'Name; dropped in the curated zone' },
    { name: 'country', type: 'string', description: 'ISO 3166-1 alpha-2 country code' },
    { name: 'segment', type: 'string', description: 'Customer segment', allowedValues: CUSTOMER_SEGMENTS },
    { name: 'signup_date', type: 'date', description: 'Day the customer signed up' },
    { name: 'updated_at', type: 'timestamp', description: 'When the customer last changed (UTC)' },
  ],
  businessKey: ['customer_id'],
};
