import type { Dataset } from '../contracts';
import type { DataLake } from './data-lake';
import type { LakeCatalog } from './lake-catalog';

export interface CuratedTablesProps {
  /** The lake whose curated zone holds the tables' files. */
  readonly lake: DataLake;
  /** The catalog whose curated database gets the tables. */
  readonly catalog: LakeCatalog;
  /** Datasets to declare, each as a table of its name under `<name>/`. @default CURATED_DATASETS */
  readonly datasets?: readonly Dataset[];
  /** First day Athena's partition projection considers, yyyy-MM-dd. @default DEFAULT_PROJECTION_START */
  readonly projectionStart?: string;
}
