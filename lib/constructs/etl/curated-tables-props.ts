import type { Dataset } from '../../contracts';
import type { DataLake } from '../lake/data-lake';
import type { LakeCatalog } from '../lake/lake-catalog';

export interface CuratedTablesProps {
  /** The lake whose curated zone holds the tables' files. */
  readonly lake: DataLake;
  /** The catalog whose curated database gets the tables. */
  readonly catalog: LakeCatalog;
  /** The curated datasets, each an Iceberg table of its name (created by the raw-to-curated job). @default CURATED_DATASETS */
  readonly datasets?: readonly Dataset[];
}
