import type * as glue from 'aws-cdk-lib/aws-glue';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { ORDERS_CDC_FORWARDER_CALLS } from '../../lambda/orders-cdc-forwarder/aws-calls';
import { ORDERS_CHANGE_PROCESSOR_CALLS } from '../../lambda/orders-change-processor/aws-calls';
import { warehouseMigratorCalls } from '../../lambda/warehouse-migrator/aws-calls';
import type { WarehouseKind } from '../../lib/config/stage-config';
import { batchPipelineCalls } from '../../lib/constructs/orchestration/batch-pipeline-state-machine/batch-pipeline-state-machine-aws-calls';
import { DATA_QUALITY_EVALUATION_CALLS } from '../../lib/constructs/orchestration/data-quality-evaluation-aws-calls';
import { LANDING_CRAWLER_CALLS, RAW_CRAWLER_CALLS } from '../../lib/constructs/etl/lake-crawlers-aws-calls';
import { ORDERS_CHANGE_DELIVERY_CALLS } from '../../lib/constructs/streaming/orders-change-delivery-aws-calls';
import { WAREHOUSE_COPY_CALLS } from '../../lib/constructs/warehouse/warehouse-cluster-aws-calls';
import { WarehouseWorkgroup } from '../../lib/constructs/warehouse/warehouse-workgroup';
import { WAREHOUSE_USAGE_LIMIT_CALLS } from '../../lib/constructs/warehouse/warehouse-workgroup-aws-calls';
import { LANDING_TO_RAW_CALLS, RAW_TO_CURATED_CALLS } from '../../lib/etl/glue-job-aws-calls';
import type { PipelineStacks } from '../../lib/pipeline';
import { CfnTemplates, PARTITION } from '../support/iam/cfn-templates';
import { type Artifact, type BoundArtifact, bindArtifact, checksOf, placeholdersOf, requestsOf } from '../support/iam/declared-calls';
import { PolicyEvaluator } from '../support/iam/policy-evaluator';
import { stagePipeline } from '../support/pipeline-app';
import { loadStageConfig } from '../../lib/config/load-stage-config';

/** Where a Glue job's script and `.sql` files are: the asset bucket (as an ARN) and their object keys by placeholder. */
function glueJobCode(job: glue.PySparkEtlJob): Record<string, string> {
  const cfnJob = job.node.defaultChild as glue.CfnJob;
  const [, bucket, script] = /^s3:\/\/([^/]+)\/(.+)$/.exec((cfnJob.command as glue.CfnJob.JobCommandProperty).scriptLocation!)!;
  const sqlFiles: Record<string, string> = JSON.parse(cfnJob.defaultArguments['--sql_files']);
  return {
    assetBucket: `arn:${PARTITION}:s3:::${bucket}`,
    script,
    ...Object.fromEntries(Object.entries(sqlFiles).map(([file, key]) => [`sql:${file}`, key])),
  };
}

/** The name of each curated dataset's ruleset, by placeholder. */
const rulesets = ({ etl }: PipelineStacks) => Object.fromEntries(Object.entries(etl.curatedTables.tables)
  .map(([dataset, table]) => [`ruleset:${dataset}`, etl.dataQuality.rulesets.find((r) => r.tableName === table.tableName)!.rulesetName]));

/** The warehouse as the Data API calls declare it: a cluster by identifier, a workgroup by id. */
const dataApiWarehouse = ({ warehouse: { warehouse } }: PipelineStacks): Record<string, string> => (warehouse instanceof WarehouseWorkgroup
  ? { workgroupId: warehouse.workgroup.attrWorkgroupWorkgroupId }
  : { cluster: warehouse.warehouseName });

/** Each runtime artifact of an app whose warehouse is of `kind`, its declared calls, and what their placeholders are. */
const artifactsFor = (kind: WarehouseKind): Artifact<PipelineStacks>[] => [
  {
    name: 'the forwarder',
    calls: ORDERS_CDC_FORWARDER_CALLS,
    bind: ({ streaming: { cdc }, ordersSource, lake }) => ({
      role: cdc.forwarder.role,
      resources: {
        stream: cdc.stream.streamArn,
        streamKey: cdc.encryptionKey.keyArn,
        quarantineBucket: lake.lake.quarantine.bucket.bucketArn,
        lakeKey: lake.lake.key.keyArn,
        failedBatches: cdc.failedBatches.queueArn,
        tableStream: ordersSource.orders.table.tableStreamArn!,
        tableKey: ordersSource.orders.encryptionKey.keyArn,
        secret: ordersSource.emailHashKey.secret.secretArn,
        logGroup: cdc.forwarder.logGroup.logGroupName,
      },
    }),
  },
  {
    name: 'the processor',
    calls: ORDERS_CHANGE_PROCESSOR_CALLS,
    bind: ({ streaming: { delivery } }) => ({ role: delivery.processor.role, resources: { logGroup: delivery.processor.logGroup.logGroupName } }),
  },
  {
    name: 'Firehose',
    calls: ORDERS_CHANGE_DELIVERY_CALLS,
    bind: ({ streaming: { cdc, delivery }, lake }) => ({
      role: delivery.role,
      resources: {
        stream: cdc.stream.streamArn,
        streamKey: cdc.encryptionKey.keyArn,
        processor: delivery.processor.function.functionArn,
        rawBucket: lake.lake.raw.bucket.bucketArn,
        lakeKey: lake.lake.key.keyArn,
        logGroup: delivery.logGroup.logGroupName,
        logStream: (delivery.logGroup.node.findChild('S3Destination') as logs.LogStream).logStreamName,
      },
    }),
  },
  {
    name: 'the migrator',
    calls: warehouseMigratorCalls(kind),
    bind: (stacks) => ({
      role: stacks.warehouse.schema.migrator.role,
      resources: {
        ...dataApiWarehouse(stacks),
        secret: stacks.warehouse.warehouse.adminSecret.secretArn,
        secretKey: stacks.warehouse.warehouse.key.keyArn,
        logGroup: stacks.warehouse.schema.migrator.logGroup.logGroupName,
      },
    }),
  },
  {
    name: 'the cluster\'s lake role',
    calls: WAREHOUSE_COPY_CALLS,
    bind: ({ warehouse, lake }) => ({
      role: warehouse.warehouse.copyRole,
      resources: {
        curatedBucket: lake.lake.curated.bucket.bucketArn, lakeKey: lake.lake.key.keyArn, curatedDatabase: lake.catalog.curatedDatabase.databaseName,
      },
    }),
  },
  {
    name: 'landing_to_raw',
    calls: LANDING_TO_RAW_CALLS,
    bind: ({ etl: { jobs }, lake: { lake } }) => ({
      role: jobs.landingToRaw.role,
      resources: {
        ...glueJobCode(jobs.landingToRaw),
        errorLogGroup: jobs.logGroups.error.logGroupName,
        outputLogGroup: jobs.logGroups.output.logGroupName,
        landingBucket: lake.landing.bucket.bucketArn,
        rawBucket: lake.raw.bucket.bucketArn,
        quarantineBucket: lake.quarantine.bucket.bucketArn,
        lakeKey: lake.key.keyArn,
      },
    }),
  },
  {
    name: 'raw_to_curated',
    calls: RAW_TO_CURATED_CALLS,
    bind: ({ etl: { jobs }, lake, ordersSource }) => ({
      role: jobs.rawToCurated.role,
      resources: {
        ...glueJobCode(jobs.rawToCurated),
        errorLogGroup: jobs.logGroups.error.logGroupName,
        outputLogGroup: jobs.logGroups.output.logGroupName,
        rawBucket: lake.lake.raw.bucket.bucketArn,
        curatedBucket: lake.lake.curated.bucket.bucketArn,
        lakeKey: lake.lake.key.keyArn,
        curatedDatabase: lake.catalog.curatedDatabase.databaseName,
        emailHashKey: ordersSource.emailHashKey.secret.secretArn,
        emailHashKeyKey: ordersSource.orders.encryptionKey.keyArn,
      },
    }),
  },
  ...(['landing', 'raw'] as const).map((zone): Artifact<PipelineStacks> => ({
    name: `the ${zone} crawler`,
    calls: zone === 'landing' ? LANDING_CRAWLER_CALLS : RAW_CRAWLER_CALLS,
    bind: ({ etl: { crawlers }, lake }) => {
      const role = zone === 'landing' ? crawlers.landingRole : crawlers.rawRole;
      return {
        role,
        resources: {
          bucket: lake.lake[zone].bucket.bucketArn,
          lakeKey: lake.lake.key.keyArn,
          database: (zone === 'landing' ? lake.catalog.landingDatabase : lake.catalog.rawDatabase).databaseName,
          roleName: role.roleName,
          securityConfiguration: lake.catalog.securityConfiguration.securityConfigurationName,
          crawler: (zone === 'landing' ? crawlers.landingCrawler : crawlers.rawCrawler).name!,
        },
      };
    },
  })),
  {
    name: 'the data-quality evaluation',
    calls: DATA_QUALITY_EVALUATION_CALLS,
    bind: (stacks) => ({
      role: stacks.orchestration.dataQualityRole.role,
      resources: {
        curatedBucket: stacks.lake.lake.curated.bucket.bucketArn,
        lakeKey: stacks.lake.lake.key.keyArn,
        curatedDatabase: stacks.lake.catalog.curatedDatabase.databaseName,
        ...rulesets(stacks),
      },
    }),
  },
  {
    name: 'the state machine',
    calls: batchPipelineCalls(kind),
    bind: (stacks) => {
      const { etl, warehouse, orchestration } = stacks;
      return {
        role: orchestration.batchPipeline.stateMachine.role,
        resources: {
          stateMachine: orchestration.batchPipeline.stateMachine.stateMachineArn,
          'crawler:landing': etl.crawlers.landingCrawler.name!,
          'crawler:raw': etl.crawlers.rawCrawler.name!,
          'job:landing_to_raw': etl.jobs.landingToRaw.jobName,
          'job:raw_to_curated': etl.jobs.rawToCurated.jobName,
          ...rulesets(stacks),
          dataQualityRole: orchestration.dataQualityRole.role.roleArn,
          ...dataApiWarehouse(stacks),
          adminSecret: warehouse.warehouse.adminSecret.secretArn,
          adminSecretKey: warehouse.warehouse.key.keyArn,
          alertsTopic: orchestration.alerts.topic.topicArn,
          alertsKey: orchestration.alerts.key.keyArn,
        },
      };
    },
  },
  ...(kind === 'serverless' ? [{
    name: 'the usage limit',
    calls: WAREHOUSE_USAGE_LIMIT_CALLS,
    bind: (stacks: PipelineStacks) => ({
      role: (stacks.warehouse.warehouse as WarehouseWorkgroup).usageLimit.grantPrincipal as iam.IRole,
      resources: dataApiWarehouse(stacks),
    }),
  }] : []),
];

// dev's warehouse is serverless, prod's provisioned: between them, both kinds are checked.
describe.each(['dev', 'prod'] as const)('%s stage', (stage) => {
  const ARTIFACTS = artifactsFor(loadStageConfig(stage).warehouse.kind);
  let stacks: PipelineStacks;
  let templates: CfnTemplates;
  let evaluator: PolicyEvaluator;
  const bound = new Map<Artifact<PipelineStacks>, BoundArtifact>();

  beforeAll(() => {
    const pipeline = stagePipeline(stage);
    stacks = pipeline.stacks;
    templates = CfnTemplates.of(pipeline.app, pipeline.assembly);
    evaluator = new PolicyEvaluator(templates);
    for (const artifact of ARTIFACTS) bound.set(artifact, bindArtifact(artifact, stacks, templates));
  });

  describe.each(ARTIFACTS.map((artifact) => [artifact.name, artifact] as const))('%s', (_, artifact) => {
    test('binds each placeholder of its declarations to the app, and nothing else', () => {
      expect(Object.keys(bound.get(artifact)!.values).sort()).toEqual(placeholdersOf(artifact));
    });

    test.each(checksOf(artifact).map((check) => [check.title, check] as const))('%s', (_title, check) => {
      for (const request of requestsOf(check, bound.get(artifact)!)) {
        expect({ request, ...evaluator.evaluate(request) }).toMatchObject({ allowed: true });
      }
    });
  });

  describe('the check fails where a grant is missing', () => {
    const rawToCurated = ARTIFACTS.find((a) => a.name === 'raw_to_curated')!;
    const updateTable = checksOf(rawToCurated).find((c) => c.call.action === 'glue:UpdateTable')!;
    const onTable = () => requestsOf(updateTable, bound.get(rawToCurated)!).find((r) => r.resource.includes(':table/'))!;

    test('without glue:UpdateTable in the ETL stack\'s policies, raw_to_curated\'s Iceberg commit is denied', () => {
      const withoutUpdateTable = templates.withTemplate(stacks.etl.stackName, (template) => {
        for (const resource of Object.values<{ Type: string; Properties: { PolicyDocument: { Statement: { Action: string | string[] }[] } } }>(template.Resources)) {
          if (resource.Type !== 'AWS::IAM::Policy' && resource.Type !== 'AWS::IAM::ManagedPolicy') continue;
          const statements = resource.Properties.PolicyDocument.Statement;
          for (const statement of statements) statement.Action = [statement.Action].flat().filter((a) => a !== 'glue:UpdateTable');
          resource.Properties.PolicyDocument.Statement = statements.filter((s) => s.Action.length > 0);
        }
      });
      const request = onTable();
      expect(evaluator.evaluate(request).allowed).toBe(true);
      expect(new PolicyEvaluator(withoutUpdateTable).evaluate(request)).toEqual({
        allowed: false, reason: 'no identity policy statement allows the request',
      });
    });

    test('a call no declaration makes and no policy allows is denied', () => {
      const request = { ...onTable(), action: 'glue:DeleteTable' };
      expect(evaluator.evaluate(request).allowed).toBe(false);
    });
  });
});
