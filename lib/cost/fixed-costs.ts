import type { Price, PriceTable } from './price-table';

/** A synthesized CloudFormation template, as far as counting reads it. */
export interface CfnTemplate {
  readonly Resources?: Readonly<Record<string, { readonly Type: string; readonly Properties?: Record<string, any> }>>;
}

/** One stack's template, under the name it deploys as. */
export interface StackTemplate {
  readonly stackName: string;
  readonly template: CfnTemplate;
}

/** What a stack pays every month for one price: how much of its unit, and the cost. */
export interface CostLine {
  readonly price: Price;
  readonly quantity: number;
  readonly monthlyUsd: number;
}

export interface StackCost {
  readonly stackName: string;
  readonly lines: readonly CostLine[];
  readonly monthlyUsd: number;
}

/** An amount of one price's unit, before it is multiplied. */
interface Usage {
  readonly priceId: string;
  readonly quantity: number;
}

/** Kinesis keeps 24 hours at no extra charge; every shard-hour of a longer retention costs extra. */
const INCLUDED_KINESIS_RETENTION_HOURS = 24;

/**
 * The usage with a fixed price of one resource, for the month: what it costs to leave it deployed, used or not.
 * Throws for a resource type the price table does not know, so that a new kind of resource is priced, or said to have
 * no fixed price, before it is left out of the total.
 */
function fixedUsage(type: string, properties: Record<string, any>, table: PriceTable, where: string): Usage[] {
  const hours = table.hoursPerMonth;
  switch (type) {
    case 'AWS::KMS::Key': return [{ priceId: 'kms-key', quantity: 1 }];
    case 'AWS::SecretsManager::Secret': return [{ priceId: 'secret', quantity: 1 }];
    case 'AWS::CloudWatch::Alarm': return [{ priceId: 'cloudwatch-alarm', quantity: 1 }];
    case 'AWS::CloudWatch::Dashboard': return [{ priceId: 'cloudwatch-dashboard', quantity: 1 }];
    case 'AWS::EC2::VPCEndpoint':
      // A gateway endpoint (S3) is free; an interface endpoint is billed in each AZ it has a network interface in.
      return properties.VpcEndpointType === 'Interface'
        ? [{ priceId: 'interface-endpoint', quantity: countOf(properties.SubnetIds, `${where} SubnetIds`) * hours }]
        : [];
    case 'AWS::Kinesis::Stream': {
      if (properties.StreamModeDetails?.StreamMode === 'ON_DEMAND') return [{ priceId: 'kinesis-on-demand-stream', quantity: hours }];
      const shardHours = (properties.ShardCount ?? 1) * hours;
      const retention = properties.RetentionPeriodHours ?? INCLUDED_KINESIS_RETENTION_HOURS;
      return [
        { priceId: 'kinesis-shard', quantity: shardHours },
        ...(retention > INCLUDED_KINESIS_RETENTION_HOURS ? [{ priceId: 'kinesis-extended-retention', quantity: shardHours }] : []),
      ];
    }
    case 'AWS::Redshift::Cluster':
      return [{ priceId: `redshift-node:${properties.NodeType}`, quantity: (properties.NumberOfNodes ?? 1) * hours }];
    case 'AWS::SSM::Parameter':
      if ((properties.Tier ?? 'Standard') !== 'Standard') throw new Error(`${where}: an advanced parameter has a fixed price the table does not list`);
      return [];
    case 'AWS::DynamoDB::GlobalTable':
      if (properties.BillingMode !== 'PAY_PER_REQUEST') throw new Error(`${where}: a table with provisioned capacity has a fixed price the table does not list`);
      return [];
    default:
      if (type in table.noFixedPrice) return [];
      throw new Error(`${where}: no price rule for ${type}; add its fixed price to lib/cost/prices.json, or list it under noFixedPrice with why it has none`);
  }
}

function countOf(list: unknown, what: string): number {
  if (!Array.isArray(list)) throw new Error(`${what}: expected a list, got ${JSON.stringify(list)}`);
  return list.length;
}

const cents = (usd: number) => Math.round(usd * 100) / 100;

/** The fixed monthly cost of each stack, one line per price it pays, in the order of the price table. */
export function fixedCosts(stacks: readonly StackTemplate[], table: PriceTable): StackCost[] {
  const prices = new Map(table.fixed.map((p) => [p.id, p]));
  return stacks.map(({ stackName, template }) => {
    const quantities = new Map<string, number>();
    for (const [logicalId, resource] of Object.entries(template.Resources ?? {})) {
      for (const { priceId, quantity } of fixedUsage(resource.Type, resource.Properties ?? {}, table, `${stackName}/${logicalId}`)) {
        if (!prices.has(priceId)) throw new Error(`${stackName}/${logicalId}: lib/cost/prices.json has no fixed price ${priceId}`);
        quantities.set(priceId, (quantities.get(priceId) ?? 0) + quantity);
      }
    }
    const lines = table.fixed.filter((p) => quantities.has(p.id))
      .map((price) => ({ price, quantity: quantities.get(price.id)!, monthlyUsd: cents(price.usd * quantities.get(price.id)!) }));
    return { stackName, lines, monthlyUsd: cents(lines.reduce((sum, line) => sum + line.monthlyUsd, 0)) };
  });
}

/** The total of every stack. */
export function totalMonthlyUsd(costs: readonly StackCost[]): number {
  return cents(costs.reduce((sum, stack) => sum + stack.monthlyUsd, 0));
}
