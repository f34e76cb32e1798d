import { Stack, Validations } from 'aws-cdk-lib';
import * as glue from 'aws-cdk-lib/aws-glue';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { LANDING_SOURCES, RAW_SOURCES } from '../etl/glue-job-plan';
import type { LakeCrawlersProps } from './lake-crawlers-props';
import { databaseTablesResources, zonePrefixResources } from './nag-resource-ids';

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
/** Spark's and S3's marker objects are not data. */
export const CRAWLER_EXCLUSIONS = ['**/_SUCCESS', '**/_temporary/**', '**_$folder$'];

/**
 * Glue crawlers over the landing zone (files as delivered) and the raw zone (Parquet written by the landing-to-raw
 * job), one table per dataset, with the catalog's security configuration. The CDC records in the raw zone are not
 * crawled: the streaming stack declares their table with an explicit schema.
 */
export class LakeCrawlers extends Construct {
  public readonly landingCrawler: glue.CfnCrawler;
  public readonly rawCrawler: glue.CfnCrawler;
  public readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: LakeCrawlersProps) {
    super(scope, id);
    const { lake, catalog, namePrefix } = props;
    const stack = Stack.of(this);

    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('glue.amazonaws.com'),
      description: 'Glue crawlers of the landing and raw zones',
    });
    const landingPrefixes = LANDING_SOURCES.map((s) => `${s.dataset.name}/`);
    const rawPrefixes = RAW_SOURCES.filter((s) => s.format === 'parquet').map((s) => `${s.dataset.name}/`);
    for (const prefix of landingPrefixes) lake.landing.grantRead(this.role, prefix);
    for (const prefix of rawPrefixes) lake.raw.grantRead(this.role, prefix);
    catalog.grantReadCatalog(this.role, catalog.landingDatabase, catalog.rawDatabase);
    catalog.grantWriteTables(this.role, catalog.landingDatabase, catalog.rawDatabase);
    // With CloudWatch encryption in the security configuration, Glue names the crawlers' log group after the role.
    this.role.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents', 'logs:AssociateKmsKey'],
      resources: [`arn:${stack.partition}:logs:${stack.region}:${stack.account}:log-group:/aws-glue/crawlers*`],
    }));

    const crawler = (crawlerId: string, zone: string, database: glue.Database, bucketName: string, prefixes: string[]) =>
      new glue.CfnCrawler(this, crawlerId, {
        name: `${namePrefix}_${zone}`,
        description: `Catalogs the ${zone} zone, one table per dataset`,
        role: this.role.roleArn,
        databaseName: database.databaseName,
        targets: { s3Targets: prefixes.map((prefix) => ({ path: `s3://${bucketName}/${prefix}`, exclusions: CRAWLER_EXCLUSIONS })) },
        schemaChangePolicy: SCHEMA_CHANGE_POLICY,
        recrawlPolicy: { recrawlBehavior: RECRAWL_BEHAVIOR },
        configuration: JSON.stringify(CRAWLER_CONFIGURATION),
        crawlerSecurityConfiguration: catalog.securityConfiguration.securityConfigurationName,
        schedule: props.schedule ? { scheduleExpression: props.schedule } : undefined,
      });
    this.landingCrawler = crawler('LandingCrawler', 'landing', catalog.landingDatabase, lake.landing.bucket.bucketName, landingPrefixes);
    this.rawCrawler = crawler('RawCrawler', 'raw', catalog.rawDatabase, lake.raw.bucket.bucketName, rawPrefixes);

    const acknowledge = (resources: string[], reason: string) => {
      for (const resource of resources) Validations.of(this.role).acknowledge({ id: `AwsSolutions-IAM5[${resource}]`, reason });
    };
    const readsFolder = 'A crawler reads every file of the dataset folders it crawls, and only those.';
    for (const prefix of landingPrefixes) acknowledge(zonePrefixResources(stack, lake.landing, prefix), readsFolder);
    for (const prefix of rawPrefixes) acknowledge(zonePrefixResources(stack, lake.raw, prefix), readsFolder);
    for (const database of [catalog.landingDatabase, catalog.rawDatabase]) {
      acknowledge(databaseTablesResources(stack, database), 'Crawlers create and update the tables of their own database; table names come from the folders.');
    }
    acknowledge([`Resource::arn:${stack.partition}:logs:${stack.region}:<AWS::AccountId>:log-group:/aws-glue/crawlers*`],
      'Glue names the crawler log group after the role and security configuration (/aws-glue/crawlers-role/...).');
    for (const crawlerResource of [this.landingCrawler, this.rawCrawler]) {
      Validations.of(crawlerResource).acknowledge({
        id: 'AwsSolutions-GL1',
        reason: 'The crawler uses the LakeCatalog security configuration (Lake stack), which encrypts CloudWatch logs with SSE-KMS; cdk-nag cannot resolve it across stacks.',
      });
    }
  }

  /** Names of both crawlers, for the pipeline to start. */
  public get crawlerNames(): string[] {
    return [this.landingCrawler.name!, this.rawCrawler.name!];
  }
}
