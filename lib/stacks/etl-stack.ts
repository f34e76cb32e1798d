import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import * as glue from 'aws-cdk-lib/aws-glue';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import type { StageConfigSlice } from '../config/stage-config';
import { CURATED_DATASETS, CURATED_ORDER_LINES, CURATED_ORDERS } from '../contracts';
import { CuratedDataQuality } from '../constructs/etl/curated-data-quality';
import { CuratedTables } from '../constructs/etl/curated-tables';
import type { DataLake } from '../constructs/lake/data-lake';
import { EtlJobs } from '../constructs/etl/etl-jobs';
import type { LakeCatalog } from '../constructs/lake/lake-catalog';
import { LakeCrawlers } from '../constructs/etl/lake-crawlers';

export type EtlStackConfig = StageConfigSlice<'etl' | 'logRetentionDays' | 'removalPolicy'>;

export interface EtlStackProps extends StackProps {
  /** The keys of the stage's configuration this stack reads. */
  readonly config: EtlStackConfig;
  readonly lake: DataLake;
  readonly catalog: LakeCatalog;
  /** The HMAC key of customer e-mails (OrdersSource stack), which the raw-to-curated job hashes e-mails with. */
  readonly emailHashKey: secretsmanager.ISecret;
  /** Prefix of crawler, job and ruleset names, e.g. `ecommerce_dev`. */
  readonly namePrefix: string;
}

/** Stateless: the batch ETL: crawlers, the two Glue jobs, the curated tables and their data-quality rulesets. */
export class EtlStack extends Stack {
  public readonly crawlers: LakeCrawlers;
  public readonly jobs: EtlJobs;
  public readonly curatedTables: CuratedTables;
  public readonly dataQuality: CuratedDataQuality;

  constructor(scope: Construct, id: string, props: EtlStackProps) {
    super(scope, id, props);
    const { config, lake, catalog, emailHashKey, namePrefix } = props;

    this.crawlers = new LakeCrawlers(this, 'Crawlers', { lake, catalog, namePrefix, schedule: config.etl.crawlerSchedule });
    this.jobs = new EtlJobs(this, 'Jobs', {
      lake,
      catalog,
      emailHashKey,
      namePrefix,
      // The config enumerates exactly the worker types Glue names (G.1X, ...).
      workerType: config.etl.workerType as glue.WorkerType,
      maxWorkers: config.etl.maxWorkers,
      flexExecution: config.etl.flexExecution,
      maxRetries: config.etl.jobMaxRetries,
      timeout: Duration.minutes(config.etl.jobTimeoutMinutes),
      logRetention: config.logRetentionDays as logs.RetentionDays,
      retention: config.removalPolicy,
    });
    this.curatedTables = new CuratedTables(this, 'CuratedTables', { lake, catalog });
    const { tables } = this.curatedTables;
    this.dataQuality = new CuratedDataQuality(this, 'DataQuality', {
      namePrefix,
      targets: CURATED_DATASETS.map((dataset) => ({
        dataset,
        table: tables[dataset.name],
        references: dataset === CURATED_ORDER_LINES
          ? [{ column: 'order_id', alias: CURATED_ORDERS.name, referencedColumn: 'order_id', table: tables[CURATED_ORDERS.name] }]
          : [],
      })),
    });
  }
}
