import { Validations } from 'aws-cdk-lib';
import * as glue from 'aws-cdk-lib/aws-glue';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { INGESTED_FILES_PREFIX, LANDING_SOURCES, RAW_SOURCES } from '../../etl/glue-job-plan';
import type { LakeCrawlersProps } from './lake-crawlers-props';
import type { LakeZone } from '../lake/lake-zone';
import { allowGlueLogsAndMetrics, glueServiceRole } from '../private/glue-service-role';

/**
 * Incremental crawls must log schema changes rather than apply them, and a crawler here never deletes a table:
 * a vanished folder or a changed schema shows in the crawler's log for a person to act on.
 */
export const SCHEMA_CHANGE_POLICY = { updateBehavior: 'LOG', deleteBehavior: 'LOG' } as const;
export const RECRAWL_BEHAVIOR = 'CRAWL_NEW_FOLDERS_ONLY';
/** One table per dataset folder (`s3://bucket/<dataset>/` is level 2), partitions inheriting the table's schema. */
export const CRAWLER_CONFIGURATION = {
  Version: 1.0,
  Grouping: { TableLevelConfiguration: 2, TableGroupingPolicy: 'CombineCompatibleSchemas' },
  CrawlerOutput: { Partitions: { AddOrUpdateBehavior: 'InheritFromTable' } },
};
/** Spark's and S3's marker objects, and the landing-to-raw job's ledger of files read, are not data. */
export const CRAWLER_EXCLUSIONS = ['**/_SUCCESS', '**/_temporary/**', '**_$folder$', `**/${INGESTED_FILES_PREFIX}/**`];

/**
 * Glue crawlers over the landing zone (files as delivered) and the raw zone (Parquet written by the landing-to-raw
 * job), one table per dataset, with the catalog's security configuration. The CDC records in the raw zone are not
 * crawled: the streaming stack declares their table with an explicit schema.
 */
export class LakeCrawlers extends Construct {
  public readonly landingCrawler: glue.CfnCrawler;
  public readonly rawCrawler: glue.CfnCrawler;
  /** Each crawler's role: it reads only its own zone's dataset folders and writes only its own database. */
  public readonly landingRole: iam.Role;
  public readonly rawRole: iam.Role;

  constructor(scope: Construct, id: string, props: LakeCrawlersProps) {
    super(scope, id);
    const { lake, catalog, namePrefix } = props;

    const crawler = (crawlerId: string, zoneName: string, zone: LakeZone, database: glue.Database, prefixes: string[]) => {
      const role = glueServiceRole(this, `${crawlerId}Role`, `Glue crawler of the ${zoneName} zone`);
      for (const prefix of prefixes) zone.grantRead(role, prefix);
      catalog.grantReadCatalog(role, database);
      catalog.grantWriteTables(role, database);
      // With CloudWatch encryption in the security configuration, Glue names the crawlers' log group after the role.
      allowGlueLogsAndMetrics(role, { logGroups: 'crawlers*', encryptedLogGroups: true });

      const resource = new glue.CfnCrawler(this, crawlerId, {
        name: `${namePrefix}_${zoneName}`,
        description: `Catalogs the ${zoneName} zone, one table per dataset`,
        role: role.roleArn,
        databaseName: database.databaseName,
        targets: { s3Targets: prefixes.map((prefix) => ({ path: `s3://${zone.bucket.bucketName}/${prefix}`, exclusions: CRAWLER_EXCLUSIONS })) },
        schemaChangePolicy: SCHEMA_CHANGE_POLICY,
        recrawlPolicy: { recrawlBehavior: RECRAWL_BEHAVIOR },
        configuration: JSON.stringify(CRAWLER_CONFIGURATION),
        crawlerSecurityConfiguration: catalog.securityConfiguration.securityConfigurationName,
        schedule: props.schedule ? { scheduleExpression: props.schedule } : undefined,
      });
      Validations.of(resource).acknowledge({
        id: 'AwsSolutions-GL1',
        reason: 'The crawler uses the LakeCatalog security configuration (Lake stack), which encrypts CloudWatch logs with SSE-KMS; cdk-nag cannot resolve it across stacks.',
      });
      return { resource, role };
    };

    const landing = crawler('LandingCrawler', 'landing', lake.landing, catalog.landingDatabase,
      LANDING_SOURCES.map((s) => `${s.dataset.name}/`));
    const raw = crawler('RawCrawler', 'raw', lake.raw, catalog.rawDatabase,
      RAW_SOURCES.filter((s) => s.format === 'parquet').map((s) => `${s.dataset.name}/`));
    this.landingCrawler = landing.resource;
    this.landingRole = landing.role;
    this.rawCrawler = raw.resource;
    this.rawRole = raw.role;
  }

  /** Names of both crawlers, for the pipeline to start. */
  public get crawlerNames(): string[] {
    return [this.landingCrawler.name!, this.rawCrawler.name!];
  }
}
