import type { Dataset } from '../dataset';
import { KEY_NORMALIZATION } from '../text-normalization';

export const CLICK_EVENT_TYPES = ['PAGE_VIEW', 'PRODUCT_VIEW', 'ADD_TO_CART', 'REMOVE_FROM_CART', 'CHECKOUT', 'PURCHASE'] as const;
export const DEVICE_TYPES = ['DESKTOP', 'MOBILE', 'TABLET'] as const;

/** Web and app events, delivered as JSON Lines into the landing zone. */
export const CLICK_EVENT: Dataset = {
  name: 'clickstream',
  description: 'Clickstream events from the web shop and apps',
  columns: [
    { name: 'event_id', type: 'string', description: 'Event identifier, unique per event' },
    { name: 'session_id', type: 'string', description: 'Browser or app session' },
    { name: 'customer_id', type: 'string', nullable: true, normalization: KEY_NORMALIZATION, description: 'Signed-in customer, if any' },
    { name: 'event_type', type: 'string', description: 'What the visitor did', allowedValues: CLICK_EVENT_TYPES },
    { name: 'sku', type: 'string', nullable: true, normalization: KEY_NORMALIZATION, description: 'Product concerned, if any' },
    { name: 'page_url', type: 'string', description: 'Page path' },
    { name: 'device', type: 'string', description: 'Device class', allowedValues: DEVICE_TYPES },
    { name: 'event_time', type: 'timestamp', description: 'When the event happened (UTC)' },
  ],
  businessKey: ['event_id'],
};
