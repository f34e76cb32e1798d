import { Match, Template } from 'aws-cdk-lib/assertions';
import { DataLake } from '../../../lib/constructs/lake/data-lake';
import { AUDIT_LOG_TYPES } from '../../../lib/constructs/warehouse/warehouse';
import {
  DEFAULT_ADMIN_USERNAME, DEFAULT_AUDIT_LOG_RETENTION, DEFAULT_DATABASE_NAME, DEFAULT_MAINTENANCE_WINDOW,
  DEFAULT_NODE_TYPE, DEFAULT_NUMBER_OF_NODES, DEFAULT_SECRET_ROTATION, DEFAULT_SNAPSHOT_RETENTION_DAYS,
  DEFAULT_WAREHOUSE_PORT, WarehouseCluster,
} from '../../../lib/constructs/warehouse/warehouse-cluster';
import { WarehouseNetwork } from '../../../lib/constructs/warehouse/warehouse-network';
import { DEFAULT_MIGRATOR_LOG_RETENTION, WarehouseSchema } from '../../../lib/constructs/warehouse/warehouse-schema';
import { newTestStack } from '../../support/pipeline-app';

/** One cluster and its schema built with only required props: both constructs' defaults are read from this template. */
describe('WarehouseCluster and WarehouseSchema without optional props', () => {
  const stack = newTestStack();
  const network = new WarehouseNetwork(stack, 'Network');
  const warehouse = new WarehouseCluster(stack, 'Warehouse', {
    vpc: network.vpc,
    subnets: network.subnets,
    secretsManagerEndpoint: network.secretsManagerEndpoint,
    curatedZone: new DataLake(stack, 'Lake').curated,
    clusterName: 'defaults',
  });
  const schema = new WarehouseSchema(stack, 'Schema', { warehouse, migrations: [] });
  const template = Template.fromStack(stack);
  const clusterProperties = (properties: Record<string, unknown>) =>
    template.hasResourceProperties('AWS::Redshift::Cluster', properties);

  test('runs on one ra3.large node, the cheapest RA3 cluster', () => {
    clusterProperties({ NodeType: 'ra3.large', ClusterType: 'single-node', NumberOfNodes: Match.absent() });
    expect([DEFAULT_NODE_TYPE, DEFAULT_NUMBER_OF_NODES]).toEqual(['ra3.large', 1]);
  });

  test('listens on port 5477, not the default 5439 that scanners try', () => {
    clusterProperties({ Port: 5477 });
    expect(DEFAULT_WAREHOUSE_PORT).toBe(5477);
  });

  test('creates the default database', () => {
    clusterProperties({ DBName: DEFAULT_DATABASE_NAME });
    expect(warehouse.databaseName).toBe(DEFAULT_DATABASE_NAME);
  });

  test('generates the admin secret for the default admin user', () => {
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: Match.objectLike({ SecretStringTemplate: JSON.stringify({ username: DEFAULT_ADMIN_USERNAME }) }),
    });
  });

  test('is maintained in the default window', () => {
    clusterProperties({ PreferredMaintenanceWindow: DEFAULT_MAINTENANCE_WINDOW });
  });

  test('keeps automated snapshots for 7 days', () => {
    clusterProperties({ AutomatedSnapshotRetentionPeriod: 7 });
    expect(DEFAULT_SNAPSHOT_RETENTION_DAYS).toBe(7);
  });

  test('rotates the admin secret every 30 days', () => {
    template.hasResourceProperties('AWS::SecretsManager::RotationSchedule', {
      RotationRules: { ScheduleExpression: 'rate(30 days)' },
    });
    expect(DEFAULT_SECRET_ROTATION.toDays()).toBe(30);
  });

  test('keeps every audit log for a year, as audits look back', () => {
    for (const logType of AUDIT_LOG_TYPES) {
      template.hasResourceProperties('AWS::Logs::LogGroup', {
        LogGroupName: `/aws/redshift/cluster/defaults/${logType}`,
        RetentionInDays: 365,
      });
    }
    expect(DEFAULT_AUDIT_LOG_RETENTION).toBe(365);
  });

  test('keeps the migrator\'s logs for a year', () => {
    const logGroupId = stack.getLogicalId(schema.migrator.logGroup.node.defaultChild as never);
    expect(template.toJSON().Resources[logGroupId].Properties.RetentionInDays).toBe(365);
    expect(DEFAULT_MIGRATOR_LOG_RETENTION).toBe(365);
  });
});
