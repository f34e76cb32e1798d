import type { Dataset } from '../dataset';
import { ORDER_HEADER_COLUMNS, ORDER_LINE_COLUMNS } from './order';

/**
 * Historical orders exported from the shop (CSV or JSON Lines) into the landing zone: one row per order line,
 * so a CSV can carry them. Orders that also arrive by CDC are reconciled on `updated_at`.
 */
export const ORDER_LINE_EXPORT: Dataset = {
  name: 'order_line_exports',
  description: 'Order lines exported in batch from the shop',
  columns: [
    ...ORDER_HEADER_COLUMNS.filter((c) => c.name !== 'lines'),
    { name: 'line_number', type: 'int', description: 'Position of the line in its order, from 1' },
    ...ORDER_LINE_COLUMNS,
  ],
  businessKey: ['order_id', 'line_number'],
};
