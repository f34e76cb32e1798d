import type * as logs from 'aws-cdk-lib/aws-logs';
import type { AvailableMigration } from '../../warehouse/migration-plan';
import type { DataRetention } from '../private/data-retention';
import type { Warehouse } from './warehouse';

export interface WarehouseSchemaProps {
  /** The warehouse whose schema is migrated, through the Data API with its admin secret. */
  readonly warehouse: Warehouse;
  /** Every migration of every deployed track, in order (`deployableMigrations`). */
  readonly migrations: readonly AvailableMigration[];
  /** How long the migrator's logs are kept. @default DEFAULT_MIGRATOR_LOG_RETENTION (one year) */
  readonly logRetention?: logs.RetentionDays;
  /** Whether the migrator's log group outlives the stack. @default DEFAULT_DATA_RETENTION ('retain') */
  readonly retention?: DataRetention;
  /** Concurrent executions reserved for the migrator. @default - none */
  readonly reservedConcurrency?: number;
}
