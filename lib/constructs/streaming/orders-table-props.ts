import type { DataRetention } from '../private/data-retention';

export interface OrdersTableProps {
  /** Whether the table and its key outlive the stack. @default DEFAULT_DATA_RETENTION ('retain') */
  readonly retention?: DataRetention;
  /** Refuse table deletion through the API. @default - true when `retention` is 'retain' */
  readonly deletionProtection?: boolean;
}
