import { Template } from 'aws-cdk-lib/assertions';
import { DEFAULT_DATA_RETENTION, removalPolicyFor } from '../../../lib/constructs/private/data-retention';
import {
  DEFAULT_FLOW_LOG_RETENTION, DEFAULT_INTERFACE_ENDPOINT_AZS, DEFAULT_WAREHOUSE_MAX_AZS, DEFAULT_WAREHOUSE_VPC_CIDR, WarehouseNetwork,
} from '../../../lib/constructs/warehouse/warehouse-network';
import { newTestStack } from '../../support/pipeline-app';

describe('WarehouseNetwork without optional props', () => {
  const stack = newTestStack();
  new WarehouseNetwork(stack, 'Network');
  const template = Template.fromStack(stack);

  test('uses the default address range', () => {
    template.hasResourceProperties('AWS::EC2::VPC', { CidrBlock: DEFAULT_WAREHOUSE_VPC_CIDR });
  });

  test('spans the default number of availability zones, one isolated subnet each', () => {
    template.resourceCountIs('AWS::EC2::Subnet', DEFAULT_WAREHOUSE_MAX_AZS);
  });

  test('keeps flow logs for a year', () => {
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 365 });
    expect(DEFAULT_FLOW_LOG_RETENTION).toBe(365);
  });

  test('applies the default data retention to the flow logs and their key', () => {
    const policy = removalPolicyFor(DEFAULT_DATA_RETENTION);
    for (const type of ['AWS::Logs::LogGroup', 'AWS::KMS::Key']) {
      expect(Object.values(template.findResources(type)).map((r) => r.DeletionPolicy.toLowerCase())).toEqual([policy]);
    }
  });
});

test('WarehouseNetwork puts each interface endpoint in the default number of AZs, and no more than it spans', () => {
  const stack = newTestStack();
  new WarehouseNetwork(stack, 'Network');
  const [endpoint] = Object.values(Template.fromStack(stack).findResources('AWS::EC2::VPCEndpoint', { Properties: { VpcEndpointType: 'Interface' } }));
  expect(endpoint.Properties.SubnetIds).toHaveLength(DEFAULT_INTERFACE_ENDPOINT_AZS);
  expect(() => new WarehouseNetwork(newTestStack(), 'Network', { maxAzs: 2, interfaceEndpointAzs: 3 }))
    .toThrow('interfaceEndpointAzs (3) exceeds maxAzs (2)');
});
