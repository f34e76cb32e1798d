import type { CfnElement } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import type { ServerlessWarehouseConfig } from '../../lib/config/stage-config';
import { AUDIT_LOG_TYPES, WAREHOUSE_PARAMETERS } from '../../lib/constructs/warehouse/warehouse';
import { USAGE_LIMIT_BREACH_ACTION, type WarehouseWorkgroup } from '../../lib/constructs/warehouse/warehouse-workgroup';
import { CORE_MIGRATIONS_DIR, deployableMigrations } from '../../lib/warehouse/migrations';
import { nagFindings } from '../support/nag';
import { warehouseApp } from '../support/warehouse-app';

// dev's warehouse is Redshift Serverless; prod's provisioned cluster is tested in warehouse-stack.test.ts.
const dev = warehouseApp('dev', { withOrdersStream: false });
const template = dev.template();
const config = dev.config.warehouse as ServerlessWarehouseConfig;

type Resources = Record<string, { Type: string; Properties?: Record<string, any>; DependsOn?: string[]; DeletionPolicy?: string }>;
const resources = () => template.toJSON().Resources as Resources;
const only = (type: string) => {
  const found = Object.values(resources()).filter((r) => r.Type === type);
  expect(found).toHaveLength(1);
  return found[0];
};
const idOf = (type: string, pathPart: string) => {
  const ids = Object.entries(resources()).filter(([id, r]) => r.Type === type && id.includes(pathPart)).map(([id]) => id);
  expect(ids).toHaveLength(1);
  return ids[0];
};
const key = () => ({ 'Fn::GetAtt': [idOf('AWS::KMS::Key', 'WorkgroupKey'), 'Arn'] });

test('the stage chose Redshift Serverless: a namespace and a workgroup, no cluster', () => {
  expect(config.kind).toBe('serverless');
  template.resourceCountIs('AWS::Redshift::Cluster', 0);
  template.resourceCountIs('AWS::RedshiftServerless::Namespace', 1);
});

describe('network', () => {
  test('the workgroup spans isolated subnets in three availability zones, as enhanced VPC routing requires', () => {
    const subnets = Object.entries(resources()).filter(([, r]) => r.Type === 'AWS::EC2::Subnet');
    expect(subnets.map(([, r]) => r.Properties!.AvailabilityZone)).toEqual([0, 1, 2].map((i) => ({ 'Fn::Select': [i, { 'Fn::GetAZs': '' }] })));
    expect(only('AWS::RedshiftServerless::Workgroup').Properties!.SubnetIds).toEqual(subnets.map(([id]) => ({ Ref: id })));
    template.resourceCountIs('AWS::EC2::InternetGateway', 0);
    template.resourceCountIs('AWS::EC2::NatGateway', 0);
  });

  test('the Secrets Manager endpoint has interfaces in as many AZs as the stage pays for', () => {
    const endpoint = Object.values(resources()).find((r) => r.Type === 'AWS::EC2::VPCEndpoint' && r.Properties!.VpcEndpointType === 'Interface')!;
    expect(endpoint.Properties!.ServiceName).toBe('com.amazonaws.eu-west-1.secretsmanager');
    expect(endpoint.Properties!.SubnetIds).toHaveLength(dev.config.network.interfaceEndpointAzs);
    expect(dev.config.network.interfaceEndpointAzs).toBe(1);
  });

  test('only the rotation function may connect to the workgroup and to the Secrets Manager endpoint', () => {
    const rotationGroup = { 'Fn::GetAtt': [idOf('AWS::EC2::SecurityGroup', 'RotationSecurityGroup'), 'GroupId'] };
    const rules = Object.values(resources()).filter((r) => r.Type === 'AWS::EC2::SecurityGroupIngress').map((r) => r.Properties!);
    expect(rules).toEqual([
      expect.objectContaining({ GroupId: { 'Fn::GetAtt': [idOf('AWS::EC2::SecurityGroup', 'SecretsManagerEndpointSecurityGroup'), 'GroupId'] }, FromPort: 443, SourceSecurityGroupId: rotationGroup }),
      expect.objectContaining({ GroupId: { 'Fn::GetAtt': [idOf('AWS::EC2::SecurityGroup', 'WorkgroupSecurityGroup'), 'GroupId'] }, FromPort: config.port, SourceSecurityGroupId: rotationGroup }),
    ]);
  });
});

describe('namespace and workgroup', () => {
  test('the workgroup is private, routes its own traffic through the VPC and takes base capacity and port from the stage', () => {
    expect(only('AWS::RedshiftServerless::Workgroup').Properties).toMatchObject({
      WorkgroupName: 'ecommerce-dev-warehouse', NamespaceName: 'ecommerce-dev-warehouse',
      PubliclyAccessible: false, EnhancedVpcRouting: true, BaseCapacity: config.baseCapacityRpus, Port: config.port,
    });
    expect(config.port).not.toBe(5439);
  });

  test('requires TLS and logs user activity', () => {
    expect(only('AWS::RedshiftServerless::Workgroup').Properties!.ConfigParameters)
      .toEqual(Object.entries(WAREHOUSE_PARAMETERS).map(([ParameterKey, ParameterValue]) => ({ ParameterKey, ParameterValue })));
  });

  test('the namespace is encrypted with its own rotating key and exports its audit logs to encrypted groups it creates first', () => {
    const namespace = only('AWS::RedshiftServerless::Namespace');
    expect(namespace.Properties).toMatchObject({ KmsKeyId: key(), LogExports: [...AUDIT_LOG_TYPES], DbName: 'analytics' });
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true, Description: Match.stringLikeRegexp('ecommerce-dev-warehouse') });
    for (const logType of AUDIT_LOG_TYPES) {
      template.hasResourceProperties('AWS::Logs::LogGroup', {
        LogGroupName: `/aws/redshift/ecommerce-dev-warehouse/${logType}`, KmsKeyId: key(), RetentionInDays: dev.config.logRetentionDays,
      });
      expect(namespace.DependsOn).toContainEqual(expect.stringContaining(`AuditLog${logType}`));
    }
  });

  test('a throw-away stage deletes the namespace with its stack', () => {
    expect(only('AWS::RedshiftServerless::Namespace').DeletionPolicy).toBe('Delete');
  });
});

describe('admin secret', () => {
  test('holds what the Redshift rotation function needs, encrypted with the warehouse key, for the configured user', () => {
    const secret = only('AWS::SecretsManager::Secret');
    expect(secret.Properties!.KmsKeyId).toEqual(key());
    const fields = JSON.stringify(secret.Properties!.GenerateSecretString);
    for (const field of ['"engine\\":\\"redshift', `"username\\":\\"${config.adminUsername}`, '"dbname\\":\\"analytics', `"port\\":${config.port}`,
      '"host\\":\\"ecommerce-dev-warehouse.', '.redshift-serverless.']) expect(fields).toContain(field);
    expect(secret.Properties!.GenerateSecretString.GenerateStringKey).toBe('password');
  });

  test('is the namespace\'s admin password', () => {
    expect(only('AWS::RedshiftServerless::Namespace').Properties!.AdminUserPassword).toEqual({
      'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: idOf('AWS::SecretsManager::Secret', 'AdminSecret') }, ':SecretString:password::}}']],
    });
  });

  test('rotates on the configured schedule with the Redshift single-user rotation, never during a deploy', () => {
    template.hasResourceProperties('AWS::SecretsManager::RotationSchedule', {
      RotationRules: { ScheduleExpression: `rate(${config.secretRotationDays} days)` }, RotateImmediatelyOnUpdate: false,
    });
    expect(JSON.stringify(template.toJSON().Mappings)).toContain('SecretsManagerRedshiftRotationSingleUser');
  });
});

describe('usage limit', () => {
  const calls = () => only('Custom::RedshiftServerlessUsageLimit').Properties!;

  test('caps the workgroup\'s monthly RPU-hours at the stage\'s limit and turns queries off past it', () => {
    const create = JSON.stringify(calls().Create);
    for (const part of ['CreateUsageLimit', '\\"usageType\\":\\"serverless-compute\\"', '\\"period\\":\\"monthly\\"',
      `\\"amount\\":${config.monthlyRpuHoursLimit},`, `\\"breachAction\\":\\"${USAGE_LIMIT_BREACH_ACTION}\\"`]) expect(create).toContain(part);
    expect(create).toContain(`"Fn::GetAtt":["${idOf('AWS::RedshiftServerless::Workgroup', 'Workgroup')}","Workgroup.WorkgroupArn"]`);
    expect(USAGE_LIMIT_BREACH_ACTION).toBe('deactivate');
  });

  test('changes the limit it created in place, and removes it with the stack unless the workgroup took it along', () => {
    expect(calls().Update).toContain('UpdateUsageLimit');
    expect(calls().Delete).toContain('DeleteUsageLimit');
    expect(calls().Delete).toContain('"ignoreErrorCodesMatching":"ResourceNotFoundException"');
  });
});

describe('COPY role and migrations', () => {
  test('the COPY role is assumed by Redshift Serverless and attached to the namespace', () => {
    const role = idOf('AWS::IAM::Role', 'WorkgroupCopyRole');
    expect(resources()[role].Properties!.AssumeRolePolicyDocument.Statement[0].Principal.Service.sort())
      .toEqual(['redshift-serverless.amazonaws.com', 'redshift.amazonaws.com']);
    expect(only('AWS::RedshiftServerless::Namespace').Properties!.IamRoles).toEqual([{ 'Fn::GetAtt': [role, 'Arn'] }]);
  });

  test('with streaming ingestion, the namespace assumes its streaming role too, and the workgroup may reach the Kinesis endpoint', () => {
    const streaming = warehouseApp('dev', { withOrdersStream: true, config: { ...dev.config, warehouse: { ...config, streamingIngestion: true } } });
    const { warehouse } = streaming.stacks;
    const ingestion = warehouse.streamingIngestion!;
    expect(warehouse.resolve((warehouse.warehouse as WarehouseWorkgroup).namespace.iamRoles)).toEqual([
      warehouse.resolve(warehouse.warehouse.copyRole.roleArn), warehouse.resolve(ingestion.role.roleArn),
    ]);
    const role = streaming.template().toJSON().Resources[warehouse.getLogicalId(ingestion.role.node.defaultChild as CfnElement)];
    expect(role.Properties.AssumeRolePolicyDocument.Statement[0].Principal.Service.sort())
      .toEqual(['redshift-serverless.amazonaws.com', 'redshift.amazonaws.com']);
    const groupId = (sg: { node: { defaultChild?: unknown } }) => ({ 'Fn::GetAtt': [warehouse.getLogicalId(sg.node.defaultChild as CfnElement), 'GroupId'] });
    streaming.template().hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      GroupId: groupId(warehouse.network.kinesisEndpoint!.connections.securityGroups[0]),
      SourceSecurityGroupId: groupId(warehouse.warehouse.securityGroup),
      FromPort: 443,
    });
  });

  test('the migrator names the workgroup, not a cluster, and waits for it', () => {
    const schema = Object.entries(resources()).find(([, r]) => r.Type === 'Custom::WarehouseSchema')!;
    expect(schema[1].Properties).toMatchObject({
      WorkgroupName: 'ecommerce-dev-warehouse', Database: 'analytics', Migrations: deployableMigrations(CORE_MIGRATIONS_DIR, 'core'),
    });
    expect(schema[1].Properties).not.toHaveProperty('ClusterIdentifier');
    expect(schema[1].DependsOn).toContain(idOf('AWS::RedshiftServerless::Workgroup', 'Workgroup'));
  });

  test('the migrator may run statements on this workgroup only', () => {
    const policy = idOf('AWS::IAM::Policy', 'SchemaMigratorRoleDefaultPolicy');
    const statements = resources()[policy].Properties!.PolicyDocument.Statement as Array<{ Action: string[]; Resource: unknown }>;
    expect(statements.find((s) => s.Action.includes('redshift-data:ExecuteStatement'))!.Resource)
      .toEqual({ 'Fn::GetAtt': [idOf('AWS::RedshiftServerless::Workgroup', 'Workgroup'), 'Workgroup.WorkgroupArn'] });
  });
});

test('the stack adds no unacknowledged cdk-nag finding', () => {
  expect(nagFindings(dev.stacks.warehouse)).toEqual([]);
});
