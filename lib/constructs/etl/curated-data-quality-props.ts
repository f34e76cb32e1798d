import type * as glue from 'aws-cdk-lib/aws-glue';
import type { Dataset } from '../../contracts';
import type { ReferentialRule } from './curated-data-quality-rules';

/** A table of the catalog, by database and name (the curated Iceberg tables are created by the raw-to-curated job). */
export interface CatalogTableRef {
  readonly database: glue.Database;
  readonly tableName: string;
}

/** A curated table to check, and the tables its references point at (by the alias its rules use). */
export interface CuratedQualityTarget {
  readonly dataset: Dataset;
  readonly table: CatalogTableRef;
  readonly references?: ReadonlyArray<ReferentialRule & { readonly table: CatalogTableRef }>;
}

export interface CuratedDataQualityProps {
  readonly targets: readonly CuratedQualityTarget[];
  /** Prefix of the ruleset names, unique per account and region (e.g. `ecommerce_dev`). */
  readonly namePrefix: string;
}
