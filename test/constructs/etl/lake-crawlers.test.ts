import { Match } from 'aws-cdk-lib/assertions';
import { LANDING_SOURCES } from '../../../lib/etl/glue-job-plan';
import { CRAWLER_CONFIGURATION, RECRAWL_BEHAVIOR, SCHEMA_CHANGE_POLICY } from '../../../lib/constructs/etl/lake-crawlers';
import { etlTestApp } from './etl-test-app';

const prod = etlTestApp('prod');
const stack = prod.etl;
const { lake } = prod.lake;
const template = () => prod.template();
const bucketPath = (bucketName: string, prefix: string) => ({ 'Fn::Join': ['', ['s3://', stack.resolve(bucketName), `/${prefix}`]] });

test('the crawlers expose both names for the pipeline to start', () => {
  expect(stack.crawlers.crawlerNames).toEqual(['ecommerce_prod_landing', 'ecommerce_prod_raw']);
});

test.each(['landing', 'raw'])('the %s crawler runs on the stage schedule with the catalog security configuration', (zone) => {
  template().hasResourceProperties('AWS::Glue::Crawler', {
    Name: `ecommerce_prod_${zone}`,
    CrawlerSecurityConfiguration: stack.resolve(prod.lake.catalog.securityConfiguration.securityConfigurationName),
    Schedule: { ScheduleExpression: prod.config.etl.crawlerSchedule },
  });
});

test('crawlers recrawl new folders only and never delete or silently change a table', () => {
  expect(SCHEMA_CHANGE_POLICY).toEqual({ updateBehavior: 'LOG', deleteBehavior: 'LOG' });
  const crawlers = Object.values(template().findResources('AWS::Glue::Crawler'));
  expect(crawlers).toHaveLength(2);
  for (const crawler of crawlers) {
    expect(crawler.Properties).toMatchObject({
      SchemaChangePolicy: { UpdateBehavior: 'LOG', DeleteBehavior: 'LOG' },
      RecrawlPolicy: { RecrawlBehavior: RECRAWL_BEHAVIOR },
    });
    expect(JSON.parse(crawler.Properties.Configuration)).toEqual(CRAWLER_CONFIGURATION);
  }
});

test('the landing crawler covers each landing dataset folder', () => {
  template().hasResourceProperties('AWS::Glue::Crawler', {
    Name: 'ecommerce_prod_landing',
    Targets: { S3Targets: LANDING_SOURCES.map((s) => Match.objectLike({ Path: bucketPath(lake.landing.bucket.bucketName, `${s.dataset.name}/`) })) },
  });
});

test('the raw crawler covers the Parquet datasets but not the CDC records, whose table is declared', () => {
  const [raw] = Object.values(template().findResources('AWS::Glue::Crawler', { Properties: { Name: 'ecommerce_prod_raw' } }));
  const paths = raw.Properties.Targets.S3Targets.map((t: { Path: unknown }) => t.Path);
  expect(paths).toEqual(LANDING_SOURCES.map((s) => bucketPath(lake.raw.bucket.bucketName, `${s.dataset.name}/`)));
});

describe.each([
  ['landing', () => stack.crawlers.landingRole, () => lake.landing, () => lake.raw],
  ['raw', () => stack.crawlers.rawRole, () => lake.raw, () => lake.landing],
])('the %s crawler role', (_, role, ownZone, otherZone) => {
  const statements = () => {
    const [policy] = Object.values(template().findResources('AWS::IAM::Policy', { Properties: { Roles: [stack.resolve(role().roleName)] } }));
    return policy.Properties.PolicyDocument.Statement as Array<{ Action: string | string[]; Resource: unknown }>;
  };

  test('reads its own zone and nothing else of the lake', () => {
    const text = JSON.stringify(statements());
    expect(text).toContain(JSON.stringify(stack.resolve(ownZone().bucket.bucketArn)));
    expect(text).not.toContain(JSON.stringify(stack.resolve(otherZone().bucket.bucketArn)));
    expect(statements().flatMap((s) => [s.Action].flat())).not.toContain('s3:PutObject');
  });

  test('creates and updates tables but never deletes one', () => {
    const actions = statements().flatMap((s) => [s.Action].flat());
    expect(actions).toEqual(expect.arrayContaining(['glue:CreateTable', 'glue:UpdateTable']));
    expect(actions.filter((a) => a.startsWith('glue:Delete'))).toEqual([]);
  });
});
