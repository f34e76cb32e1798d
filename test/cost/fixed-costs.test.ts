import { ProvisionedWarehouseConfigSchema } from '../../lib/config/stage-config';
import { fixedCosts, totalMonthlyUsd } from '../../lib/cost/fixed-costs';
import { PRICE_TABLE, type PriceTable } from '../../lib/cost/price-table';
import { stageCost } from '../../scripts/cost/cost-report';

/** A price table with round prices, so that each counting rule is checked by value. */
const TABLE: PriceTable = {
  region: 'eu-west-1', currency: 'USD', pricesAsOf: '2026-11-30', hoursPerMonth: 730, note: '',
  fixed: [
    ['kms-key', 'key-month', 1], ['secret', 'secret-month', 0.4], ['interface-endpoint', 'endpoint-AZ-hour', 0.01],
    ['kinesis-shard', 'shard-hour', 0.02], ['kinesis-extended-retention', 'shard-hour', 0.01], ['kinesis-on-demand-stream', 'stream-hour', 0.04],
    ['cloudwatch-alarm', 'alarm-month', 0.1], ['cloudwatch-dashboard', 'dashboard-month', 3], ['redshift-node:ra3.xlplus', 'node-hour', 1],
  ].map(([id, unit, usd]) => ({ id: id as string, what: id as string, unit: unit as string, usd: usd as number, source: 'https://aws.amazon.com/pricing/' })),
  perUse: [],
  noFixedPrice: { 'AWS::IAM::Role': 'free', 'AWS::RedshiftServerless::Workgroup': 'per RPU-hour' },
};

const costOf = (resources: Record<string, { Type: string; Properties?: Record<string, unknown> }>) =>
  fixedCosts([{ stackName: 's', template: { Resources: resources } }], TABLE)[0];
const linesOf = (resources: Parameters<typeof costOf>[0]) => costOf(resources).lines.map((l) => [l.price.id, l.quantity, l.monthlyUsd]);

describe('what a deployed resource costs every month', () => {
  test('a key, a secret, an alarm and a dashboard cost their monthly price each', () => {
    expect(linesOf({
      K1: { Type: 'AWS::KMS::Key' }, K2: { Type: 'AWS::KMS::Key' }, S: { Type: 'AWS::SecretsManager::Secret' },
      A: { Type: 'AWS::CloudWatch::Alarm' }, D: { Type: 'AWS::CloudWatch::Dashboard' },
    })).toEqual([['kms-key', 2, 2], ['secret', 1, 0.4], ['cloudwatch-alarm', 1, 0.1], ['cloudwatch-dashboard', 1, 3]]);
  });

  test('an interface endpoint costs every hour in each AZ it has a subnet in; a gateway endpoint nothing', () => {
    expect(linesOf({
      I: { Type: 'AWS::EC2::VPCEndpoint', Properties: { VpcEndpointType: 'Interface', SubnetIds: ['a', 'b'] } },
      G: { Type: 'AWS::EC2::VPCEndpoint', Properties: { VpcEndpointType: 'Gateway' } },
    })).toEqual([['interface-endpoint', 1460, 14.6]]);
  });

  test('a provisioned stream costs per shard-hour, and per shard-hour again for retention beyond 24 hours', () => {
    expect(linesOf({ K: { Type: 'AWS::Kinesis::Stream', Properties: { ShardCount: 2, RetentionPeriodHours: 168 } } }))
      .toEqual([['kinesis-shard', 1460, 29.2], ['kinesis-extended-retention', 1460, 14.6]]);
    expect(linesOf({ K: { Type: 'AWS::Kinesis::Stream', Properties: { ShardCount: 1, RetentionPeriodHours: 24 } } }))
      .toEqual([['kinesis-shard', 730, 14.6]]);
  });

  test('an on-demand stream costs its stream-hour whatever it carries', () => {
    expect(linesOf({ K: { Type: 'AWS::Kinesis::Stream', Properties: { StreamModeDetails: { StreamMode: 'ON_DEMAND' } } } }))
      .toEqual([['kinesis-on-demand-stream', 730, 29.2]]);
  });

  test('a cluster costs each node\'s hours; a single-node cluster one node', () => {
    expect(linesOf({ C: { Type: 'AWS::Redshift::Cluster', Properties: { NodeType: 'ra3.xlplus', NumberOfNodes: 2 } } }))
      .toEqual([['redshift-node:ra3.xlplus', 1460, 1460]]);
    expect(linesOf({ C: { Type: 'AWS::Redshift::Cluster', Properties: { NodeType: 'ra3.xlplus' } } }))
      .toEqual([['redshift-node:ra3.xlplus', 730, 730]]);
  });

  test('a resource billed only per use, or not at all, adds nothing', () => {
    expect(costOf({ R: { Type: 'AWS::IAM::Role' }, W: { Type: 'AWS::RedshiftServerless::Workgroup' } }).monthlyUsd).toBe(0);
  });

  test('a standard-tier parameter and an on-demand table cost nothing fixed', () => {
    expect(linesOf({
      P: { Type: 'AWS::SSM::Parameter', Properties: { Tier: 'Standard' } }, Q: { Type: 'AWS::SSM::Parameter' },
      T: { Type: 'AWS::DynamoDB::GlobalTable', Properties: { BillingMode: 'PAY_PER_REQUEST' } },
    })).toEqual([]);
  });

  test('the total adds every stack', () => {
    const costs = fixedCosts([
      { stackName: 'a', template: { Resources: { K: { Type: 'AWS::KMS::Key' } } } },
      { stackName: 'b', template: { Resources: { S: { Type: 'AWS::SecretsManager::Secret' } } } },
    ], TABLE);
    expect(totalMonthlyUsd(costs)).toBe(1.4);
  });
});

describe('nothing is left out of the total unseen', () => {
  test('a resource type the price table does not know is refused, by name', () => {
    expect(() => costOf({ N: { Type: 'AWS::EC2::NatGateway' } }))
      .toThrow('s/N: no price rule for AWS::EC2::NatGateway; add its fixed price to lib/cost/prices.json, or list it under noFixedPrice');
  });

  test('a node type without a price is refused', () => {
    expect(() => costOf({ C: { Type: 'AWS::Redshift::Cluster', Properties: { NodeType: 'ra3.large' } } }))
      .toThrow('s/C: lib/cost/prices.json has no fixed price redshift-node:ra3.large');
  });

  test('a table with provisioned capacity is refused rather than counted as free', () => {
    expect(() => costOf({ T: { Type: 'AWS::DynamoDB::GlobalTable', Properties: { BillingMode: 'PROVISIONED' } } }))
      .toThrow('s/T: a table with provisioned capacity has a fixed price the table does not list');
  });

  test('an advanced parameter is refused rather than counted as free', () => {
    expect(() => costOf({ P: { Type: 'AWS::SSM::Parameter', Properties: { Tier: 'Advanced' } } }))
      .toThrow('s/P: an advanced parameter has a fixed price the table does not list');
  });

  test('an interface endpoint whose subnets are not a list is refused rather than guessed', () => {
    expect(() => costOf({ E: { Type: 'AWS::EC2::VPCEndpoint', Properties: { VpcEndpointType: 'Interface', SubnetIds: 'subnet-1' } } }))
      .toThrow('s/E SubnetIds: expected a list, got "subnet-1"');
  });

  test('a stage in another region than the prices is refused', () => {
    expect(() => stageCost('eu', 'us-east-1', [], TABLE)).toThrow('stage eu deploys to us-east-1, but lib/cost/prices.json has prices for eu-west-1');
  });
});

describe('the price table', () => {
  test('names its region and date, and each line its AWS pricing page', () => {
    expect(PRICE_TABLE).toMatchObject({ region: 'eu-west-1', currency: 'USD', pricesAsOf: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    for (const price of [...PRICE_TABLE.fixed, ...PRICE_TABLE.perUse]) expect(price.source).toMatch(/^https:\/\/aws\.amazon\.com\/[a-z0-9-]+\/(pricing\/|[a-z-]+\/pricing\/|pricing\/[a-z-]+\/)/);
  });

  test('lists every price once', () => {
    const ids = [...PRICE_TABLE.fixed, ...PRICE_TABLE.perUse].map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  test('prices every node type a stage may choose', () => {
    for (const nodeType of ProvisionedWarehouseConfigSchema.shape.nodeType.options) {
      expect(PRICE_TABLE.fixed.map((p) => p.id)).toContain(`redshift-node:${nodeType}`);
    }
  });

  test('gives the per-use prices the issue asks for: per GB, per request, per DPU-hour, per RPU-hour', () => {
    const units = PRICE_TABLE.perUse.map((p) => p.unit);
    for (const unit of ['GB', 'million requests', 'DPU-hour', 'RPU-hour']) expect(units).toContain(unit);
  });
});
