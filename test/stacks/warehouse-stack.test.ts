import { type CfnResource, Stack } from 'aws-cdk-lib';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import type { CfnCluster } from 'aws-cdk-lib/aws-redshift';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { loadStageConfig } from '../../lib/config/load-stage-config';
import type { ProvisionedWarehouseConfig } from '../../lib/config/stage-config';
import { AUDIT_LOG_TYPES, WAREHOUSE_PARAMETERS } from '../../lib/constructs/warehouse/warehouse';
import type { WarehouseCluster } from '../../lib/constructs/warehouse/warehouse-cluster';
import { MIGRATOR_TIMEOUT } from '../../lib/constructs/warehouse/warehouse-schema';
import { streamNameForRedshift } from '../../lib/constructs/warehouse/warehouse-streaming-ingestion';
import { CORE_MIGRATIONS_DIR, deployableMigrations, readMigrations } from '../../lib/warehouse/migrations';
import { nagFindings } from '../support/nag';
import { STREAM_NAME, type WarehouseApp, warehouseApp } from '../support/warehouse-app';

type SynthesizedPipeline = WarehouseApp;

// prod switches streaming ingestion on: its app gets an order change stream, as the lead wires it in lib/pipeline.ts.
// Its warehouse is a provisioned cluster; dev's serverless one is tested in warehouse-serverless.test.ts.
const prod = warehouseApp('prod', { withOrdersStream: true });
const template = prod.template();
const config = prod.config.warehouse as ProvisionedWarehouseConfig;
/** A throw-away stage with a one-node cluster, read from its construct tree: a second synthesis would double this file's time. */
const devConfig = loadStageConfig('dev');
const dev = warehouseApp('dev', {
  withOrdersStream: false,
  config: { ...devConfig, warehouse: { ...config, numberOfNodes: 1, streamingIngestion: false } },
});
const devCluster = (dev.stacks.warehouse.warehouse as WarehouseCluster).cluster.node.defaultChild as CfnCluster;

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown>; DeletionPolicy?: string }>;
const resourcesOf = (t: Template, type: string) => Object.values(t.toJSON().Resources as Resources).filter((r) => r.Type === type);
const logicalIdIn = (pipeline: SynthesizedPipeline, resource: { node: { defaultChild?: unknown } }) =>
  pipeline.stacks.lake.getLogicalId(resource.node.defaultChild as CfnResource);
const ref = (t: Template, type: string, pathPart: string) => {
  const ids = Object.entries(t.toJSON().Resources as Record<string, { Type: string; Metadata?: Record<string, string> }>)
    .filter(([id, r]) => r.Type === type && id.includes(pathPart)).map(([id]) => id);
  expect(ids).toHaveLength(1);
  return ids[0];
};

describe('network', () => {
  test('the VPC has isolated subnets only: no internet gateway, no NAT, no public IPs', () => {
    template.resourceCountIs('AWS::EC2::InternetGateway', 0);
    template.resourceCountIs('AWS::EC2::NatGateway', 0);
    for (const subnet of resourcesOf(template, 'AWS::EC2::Subnet')) expect(subnet.Properties?.MapPublicIpOnLaunch).toBe(false);
  });

  test('S3 is reached through a gateway endpoint, Secrets Manager through an interface endpoint with private DNS', () => {
    template.hasResourceProperties('AWS::EC2::VPCEndpoint', {
      VpcEndpointType: 'Gateway', ServiceName: Match.objectLike({ 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp('\\.s3$')])] }),
    });
    template.hasResourceProperties('AWS::EC2::VPCEndpoint', {
      VpcEndpointType: 'Interface', ServiceName: 'com.amazonaws.eu-west-1.secretsmanager', PrivateDnsEnabled: true,
    });
  });

  test('all traffic is logged to a KMS-encrypted log group kept as configured', () => {
    template.hasResourceProperties('AWS::EC2::FlowLog', { ResourceType: 'VPC', TrafficType: 'ALL', LogDestinationType: 'cloud-watch-logs' });
    const flowLogs = ref(template, 'AWS::Logs::LogGroup', 'FlowLogs');
    expect(template.toJSON().Resources[flowLogs].Properties).toMatchObject({
      KmsKeyId: { 'Fn::GetAtt': [expect.stringMatching(/^NetworkFlowLogKey/), 'Arn'] },
      RetentionInDays: prod.config.logRetentionDays,
    });
  });

  test('the default security group is stripped of its rules', () => {
    template.resourceCountIs('Custom::VpcRestrictDefaultSG', 1);
  });

  test('no security group admits traffic from anywhere', () => {
    const open = (rule: Record<string, unknown>) => rule.CidrIp === '0.0.0.0/0' || rule.CidrIpv6 === '::/0';
    const inline = resourcesOf(template, 'AWS::EC2::SecurityGroup')
      .flatMap((sg) => (sg.Properties?.SecurityGroupIngress as Record<string, unknown>[] | undefined) ?? []);
    const separate = resourcesOf(template, 'AWS::EC2::SecurityGroupIngress').map((r) => r.Properties!);
    expect([...inline, ...separate].filter(open)).toEqual([]);
  });

  test('the rotation function may connect to the cluster and the Secrets Manager endpoint, the cluster to the Kinesis endpoint; nothing else', () => {
    const group = (pathPart: string) => ({ 'Fn::GetAtt': [ref(template, 'AWS::EC2::SecurityGroup', pathPart), 'GroupId'] });
    const rules = resourcesOf(template, 'AWS::EC2::SecurityGroupIngress').map((r) => r.Properties!);
    expect(rules).toEqual([
      expect.objectContaining({ GroupId: group('SecretsManagerEndpointSecurityGroup'), IpProtocol: 'tcp', FromPort: 443, ToPort: 443, SourceSecurityGroupId: group('RotationSecurityGroup') }),
      expect.objectContaining({ GroupId: group('KinesisEndpointSecurityGroup'), IpProtocol: 'tcp', FromPort: 443, ToPort: 443, SourceSecurityGroupId: group('ClusterSecurityGroup') }),
      expect.objectContaining({ GroupId: group('ClusterSecurityGroup'), SourceSecurityGroupId: group('RotationSecurityGroup') }),
    ]);
    const inline = resourcesOf(template, 'AWS::EC2::SecurityGroup').flatMap((sg) => (sg.Properties?.SecurityGroupIngress as unknown[] | undefined) ?? []);
    expect(inline).toEqual([]);
  });
});

describe('cluster', () => {
  const cluster = () => resourcesOf(template, 'AWS::Redshift::Cluster')[0];

  test('is private, encrypted with its own rotating customer-managed key, and routes its own S3 traffic through the VPC', () => {
    const key = ref(template, 'AWS::KMS::Key', 'ClusterKey');
    expect(cluster().Properties).toMatchObject({
      PubliclyAccessible: false, Encrypted: true, KmsKeyId: { Ref: key }, EnhancedVpcRouting: true,
    });
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true, Description: Match.stringLikeRegexp('ecommerce-prod-warehouse') });
  });

  test('takes node type, node count, port, maintenance window and snapshot retention from the stage', () => {
    expect(cluster().Properties).toMatchObject({
      ClusterIdentifier: 'ecommerce-prod-warehouse', NodeType: config.nodeType, ClusterType: 'multi-node', NumberOfNodes: config.numberOfNodes,
      Port: config.port, PreferredMaintenanceWindow: config.maintenanceWindow,
      AutomatedSnapshotRetentionPeriod: config.automatedSnapshotRetentionDays, AllowVersionUpgrade: true, DBName: 'analytics',
    });
  });

  test('the stage chose a provisioned cluster', () => {
    expect(config.kind).toBe('provisioned');
    template.resourceCountIs('AWS::RedshiftServerless::Workgroup', 0);
  });

  test('a one-node stage gets a single-node cluster', () => {
    expect(devCluster.clusterType).toBe('single-node');
    expect(devCluster.numberOfNodes).toBeUndefined();
  });

  test('requires TLS and logs user activity through its parameter group', () => {
    template.hasResourceProperties('AWS::Redshift::ClusterParameterGroup', {
      Parameters: Object.entries(WAREHOUSE_PARAMETERS).map(([ParameterName, ParameterValue]) => ({ ParameterName, ParameterValue })),
    });
    expect(WAREHOUSE_PARAMETERS).toEqual({ require_ssl: 'true', enable_user_activity_logging: 'true' });
  });

  test('exports its audit logs to encrypted log groups it creates first, kept as configured', () => {
    expect(cluster().Properties?.LoggingProperties).toEqual({ LogDestinationType: 'cloudwatch', LogExports: [...AUDIT_LOG_TYPES] });
    for (const logType of AUDIT_LOG_TYPES) {
      template.hasResourceProperties('AWS::Logs::LogGroup', {
        LogGroupName: `/aws/redshift/cluster/ecommerce-prod-warehouse/${logType}`,
        KmsKeyId: { 'Fn::GetAtt': [ref(template, 'AWS::KMS::Key', 'ClusterKey'), 'Arn'] },
        RetentionInDays: prod.config.logRetentionDays,
      });
    }
    template.hasResource('AWS::Redshift::Cluster', { DependsOn: Match.arrayWith([Match.stringLikeRegexp('AuditLogconnectionlog')]) });
  });

  test('keeps the admin password in a secret encrypted with the cluster key, under the configured non-default user', () => {
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: Match.objectLike({ SecretStringTemplate: JSON.stringify({ username: config.adminUsername }) }),
      KmsKeyId: { 'Fn::GetAtt': [ref(template, 'AWS::KMS::Key', 'ClusterKey'), 'Arn'] },
    });
    expect(config.adminUsername).not.toBe('awsuser');
    expect(config.port).not.toBe(5439);
  });

  test('rotates the admin secret on the configured schedule with the Redshift single-user rotation, inside the VPC', () => {
    template.hasResourceProperties('AWS::SecretsManager::RotationSchedule', {
      RotationRules: { ScheduleExpression: `rate(${config.secretRotationDays} days)` },
    });
    template.hasResourceProperties('AWS::Serverless::Application', {
      Parameters: Match.objectLike({
        vpcSecurityGroupIds: { 'Fn::GetAtt': [ref(template, 'AWS::EC2::SecurityGroup', 'RotationSecurityGroup'), 'GroupId'] },
        endpoint: Match.objectLike({ 'Fn::Join': ['', Match.arrayWith([{ Ref: ref(template, 'AWS::EC2::VPCEndpoint', 'SecretsManagerEndpoint') }])] }),
      }),
    });
    expect(JSON.stringify(template.toJSON().Mappings)).toContain('SecretsManagerRedshiftRotationSingleUser');
  });

  test('never rotates the admin secret during a deploy, so the schema migrator never meets a half-rotated password', () => {
    template.hasResourceProperties('AWS::SecretsManager::RotationSchedule', { RotateImmediatelyOnUpdate: false });
  });

  test('prod keeps the admin secret, whose password a cluster restored from the final snapshot still has', () => {
    template.hasResource('AWS::SecretsManager::Secret', { DeletionPolicy: 'Retain' });
  });

  test('prod keeps a final snapshot when the cluster is deleted or replaced; a throw-away stage deletes it', () => {
    template.hasResource('AWS::Redshift::Cluster', { DeletionPolicy: 'Snapshot', UpdateReplacePolicy: 'Snapshot' });
    expect(devCluster.cfnOptions).toMatchObject({ deletionPolicy: 'Delete', updateReplacePolicy: 'Delete' });
  });
});

describe('COPY role', () => {
  const policyOf = (pipeline: SynthesizedPipeline) => {
    const t = pipeline.template();
    const policyId = ref(t, 'AWS::IAM::Policy', 'ClusterCopyRoleDefaultPolicy');
    return t.toJSON().Resources[policyId].Properties.PolicyDocument.Statement as Array<{ Action: string | string[]; Resource: unknown }>;
  };

  test('is assumed by Redshift and attached to the cluster', () => {
    const role = ref(template, 'AWS::IAM::Role', 'ClusterCopyRole');
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 'redshift.amazonaws.com' } })] },
    });
    template.hasResourceProperties('AWS::Redshift::Cluster', { IamRoles: Match.arrayWith([{ 'Fn::GetAtt': [role, 'Arn'] }]) });
  });

  test('reads objects of the curated zone with exact actions, decrypts with the lake key, and reads the curated catalog', () => {
    const statements = policyOf(prod);
    expect(statements.map((s) => s.Action)).toEqual([['s3:GetBucketLocation', 's3:ListBucket'], 'kms:Decrypt', 's3:GetObject',
      ['glue:GetDatabase', 'glue:GetPartition', 'glue:GetPartitions', 'glue:GetTable', 'glue:GetTables']]);
    // Redshift Spectrum reads the change tables' definitions of the curated database, and no other database's.
    const glue = JSON.stringify(statements[3].Resource);
    expect(glue).toContain('CuratedDatabase');
    expect(glue).not.toMatch(/RawDatabase|LandingDatabase/);
    const text = JSON.stringify(statements);
    expect(text).toContain(logicalIdIn(prod, prod.stacks.lake.lake.curated.bucket));
    expect(text).toContain(logicalIdIn(prod, prod.stacks.lake.lake.key));
  });

  test('cannot read the landing, raw or quarantine zones', () => {
    const text = JSON.stringify(policyOf(prod));
    const { landing, raw, quarantine } = prod.stacks.lake.lake;
    for (const zone of [landing, raw, quarantine]) expect(text).not.toContain(logicalIdIn(prod, zone.bucket));
  });
});

describe('schema migrations', () => {
  test('the custom resource carries every core migration as Redshift statements, for this cluster and database', () => {
    const [schema] = resourcesOf(template, 'Custom::WarehouseSchema');
    expect(schema.Properties).toMatchObject({
      ClusterIdentifier: 'ecommerce-prod-warehouse',
      Database: 'analytics',
      SecretArn: { Ref: ref(template, 'AWS::SecretsManager::SecretTargetAttachment', 'ClusterSecretAttachment') },
      Migrations: deployableMigrations(CORE_MIGRATIONS_DIR, 'core'),
    });
  });

  test('the migrator reserves the stage\'s concurrency and runs long enough for a slow migration, on ARM64 and Node.js 24', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: 'Applies pending warehouse schema migrations on deploy',
      ReservedConcurrentExecutions: prod.config.reservedConcurrency.schemaMigrator,
      // Lambda's maximum, 15 minutes: a migration that rewrites a large table may take minutes.
      Timeout: 900,
      Architectures: ['arm64'],
      Runtime: 'nodejs24.x',
    });
    expect(MIGRATOR_TIMEOUT.toMinutes()).toBe(15);
  });

  test('the migrator may run statements on this cluster only, and read only its admin secret', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: ref(template, 'AWS::IAM::Role', 'SchemaMigratorRole') }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Action: ['redshift-data:BatchExecuteStatement', 'redshift-data:ExecuteStatement'],
            Effect: 'Allow',
            Resource: { 'Fn::Join': ['', ['arn:aws:redshift:eu-west-1:', { Ref: 'AWS::AccountId' }, ':cluster:ecommerce-prod-warehouse']] },
          },
          {
            Action: ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'],
            Effect: 'Allow',
            Resource: { Ref: ref(template, 'AWS::SecretsManager::SecretTargetAttachment', 'ClusterSecretAttachment') },
          },
        ]),
      },
    });
  });
});

describe('stack', () => {
  test('is named per stage and protected from deletion in prod only', () => {
    expect(prod.stacks.warehouse.stackName).toBe('ecommerce-prod-warehouse');
    expect(prod.stacks.warehouse.terminationProtection).toBe(true);
    expect(dev.stacks.warehouse.terminationProtection).toBe(false);
  });

  test('a stage with streaming ingestion but no stream wired deploys without it, and says so', () => {
    const unwired = warehouseApp('dev', { withOrdersStream: false, config: { ...devConfig, warehouse: { ...devConfig.warehouse, streamingIngestion: true } } });
    expect(unwired.stacks.warehouse.streamingIngestion).toBeUndefined();
    const warnings = unwired.stacks.warehouse.node.metadata.filter((m) => m.type === 'aws:cdk:warning').map((m) => String(m.data));
    expect(warnings).toContainEqual(expect.stringContaining('warehouse.streamingIngestion is on but no orders stream was given'));
  });
});

describe('streaming ingestion (prod)', () => {
  const ingestion = prod.stacks.warehouse.streamingIngestion!;
  const role = () => ref(template, 'AWS::IAM::Role', 'StreamingIngestionRole');
  const stream = prod.ordersStream!;

  test('the cluster assumes a role of its own for the stream, next to the COPY role', () => {
    template.hasResourceProperties('AWS::Redshift::Cluster', {
      IamRoles: [{ 'Fn::GetAtt': [ref(template, 'AWS::IAM::Role', 'ClusterCopyRole'), 'Arn'] }, { 'Fn::GetAtt': [role(), 'Arn'] }],
    });
  });

  test('the role may read the order change stream and decrypt it, and nothing else', () => {
    const policyId = ref(template, 'AWS::IAM::Policy', 'StreamingIngestionRoleDefaultPolicy');
    const statements = template.toJSON().Resources[policyId].Properties.PolicyDocument.Statement;
    expect(statements).toHaveLength(2);
    expect(statements[0].Action).toEqual(expect.arrayContaining(['kinesis:DescribeStreamSummary', 'kinesis:GetRecords', 'kinesis:GetShardIterator', 'kinesis:ListShards']));
    expect(JSON.stringify(statements[0].Resource)).toContain(Stack.of(stream).getLogicalId(stream.node.defaultChild as CfnResource));
    expect(statements[1]).toMatchObject({ Action: 'kms:Decrypt' });
    expect(JSON.stringify(statements[1].Resource)).toContain(Stack.of(stream).getLogicalId(stream.encryptionKey!.node.defaultChild as CfnResource));
  });

  test('adds no unacknowledged cdk-nag finding', () => {
    expect(nagFindings(prod.stacks.warehouse)).toEqual([]);
  });

  test('under enhanced VPC routing the cluster reaches Kinesis through an interface endpoint', () => {
    template.hasResourceProperties('AWS::EC2::VPCEndpoint', { ServiceName: 'com.amazonaws.eu-west-1.kinesis-streams', PrivateDnsEnabled: true });
  });

  test('the streaming migrations follow the core ones, creating the view over this stream with this role', () => {
    const [schema] = resourcesOf(template, 'Custom::WarehouseSchema');
    const migrations = schema.Properties!.Migrations as Array<{ id: string; statements: unknown[]; values?: Record<string, unknown> }>;
    const core = readMigrations(CORE_MIGRATIONS_DIR, 'core').map((m) => m.id);
    expect(migrations.map((m) => m.id)).toEqual([...core, 'streaming/V001']);
    const statements = migrations[core.length].statements.map((sql) => JSON.stringify(sql));
    expect(statements).toContainEqual(expect.stringMatching(/FROM KINESIS IAM_ROLE '.*StreamingIngestionRole/));
    expect(statements).toContainEqual(expect.stringContaining('AUTO REFRESH YES'));
    expect(ingestion.migrations[0].id).toBe('streaming/V001');
  });

  test('the view names the stream by its literal lower-case name, which Redshift does not fold', () => {
    const view = ingestion.migrations[0].statements.find((sql) => sql.startsWith('CREATE MATERIALIZED VIEW'))!;
    expect(view).toContain('FROM orders_stream."ecommerce-prod-order-changes"');
  });

  test('the migrator receives the stream name and role it renders with, so it checksums them after CloudFormation fills them in', () => {
    const [schema] = resourcesOf(template, 'Custom::WarehouseSchema');
    const streaming = (schema.Properties!.Migrations as Array<{ id: string; values?: Record<string, unknown> }>).find((m) => m.id === 'streaming/V001')!;
    expect(streaming.values).toEqual({
      streaming_role_arn: { 'Fn::GetAtt': [role(), 'Arn'] },
      stream_name: STREAM_NAME,
    });
  });
});

describe('the stream name streaming ingestion puts in SQL', () => {
  const streamNamed = (streamName?: string) => new kinesis.Stream(new Stack(), 'OrderChanges', { streamName });

  test('is the stream\'s explicit lower-case name', () => {
    expect(streamNameForRedshift(streamNamed('ecommerce-prod-order-changes'))).toBe('ecommerce-prod-order-changes');
  });

  test('cannot be one CloudFormation generates', () => {
    expect(() => streamNameForRedshift(streamNamed())).toThrow(/OrderChanges: streaming ingestion names the stream in SQL; give the stream an explicit lower-case name$/);
  });

  test('cannot have upper-case letters, which Redshift would fold to lower case', () => {
    expect(() => streamNameForRedshift(streamNamed('Ecommerce-Prod-OrderChanges')))
      .toThrow(/stream name "Ecommerce-Prod-OrderChanges" has upper-case letters, which Redshift folds to lower case; use a lower-case name$/);
  });
});
