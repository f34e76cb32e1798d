import type { DataLake } from '../lake/data-lake';
import type { LakeCatalog } from '../lake/lake-catalog';

export interface LakeCrawlersProps {
  /** The lake whose landing and raw zones are crawled. */
  readonly lake: DataLake;
  /** The catalog the crawlers write to; its security configuration encrypts their logs. */
  readonly catalog: LakeCatalog;
  /** Prefix of the crawler names, unique per account and region (e.g. `ecommerce_dev`). */
  readonly namePrefix: string;
  /** When the crawlers run by themselves (`cron(...)` as Glue accepts it). @default - on demand only (the pipeline starts them) */
  readonly schedule?: string;
}
