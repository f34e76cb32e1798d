import type { DataRetention } from '../private/data-retention';
import type { StageNames } from '../private/stage-names';
import type { DataLake } from './data-lake';

export interface LakeCatalogProps {
  /** The lake whose zones the catalog describes. */
  readonly lake: DataLake;
  /** The stage's names: database and security configuration names start with its Glue prefix, the workgroup's with its prefix. */
  readonly names: StageNames;
  /** Upper bound of bytes one Athena query may scan. @default DEFAULT_BYTES_SCANNED_CUTOFF_PER_QUERY (10 GiB) */
  readonly bytesScannedCutoffPerQuery?: number;
  /** What happens to the catalog's key when the stack is deleted. @default DEFAULT_DATA_RETENTION ('retain') */
  readonly retention?: DataRetention;
}
