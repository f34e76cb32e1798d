import { Template } from 'aws-cdk-lib/assertions';
import { DataLake } from '../../lib/constructs/data-lake';
import { WarehouseCluster } from '../../lib/constructs/warehouse-cluster';
import { WarehouseNetwork } from '../../lib/constructs/warehouse-network';
import { DEFAULT_MIGRATOR_LOG_RETENTION, WarehouseSchema } from '../../lib/constructs/warehouse-schema';
import { newTestStack } from '../support/pipeline-app';

describe('WarehouseSchema without optional props', () => {
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

  test('keeps the migrator\'s logs for the default retention', () => {
    const logGroupId = stack.getLogicalId(schema.migrator.logGroup.node.defaultChild as never);
    expect(template.toJSON().Resources[logGroupId].Properties.RetentionInDays).toBe(DEFAULT_MIGRATOR_LOG_RETENTION);
  });
});
