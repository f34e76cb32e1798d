import { type CfnResource, DefaultStackSynthesizer, Stack } from 'aws-cdk-lib';
import type * as glue from 'aws-cdk-lib/aws-glue';
import { createHash } from 'node:crypto';
import type { LakeZone } from './lake-zone';

/**
 * Resource names as cdk-nag prints them in a finding id (`AwsSolutions-IAM5[Resource::...]`), so that an
 * acknowledgement names the exact wildcard it accepts. A value from another stack has two renderings: `<Logical.Arn>`
 * when a stack is checked alone (the tests), and the weak reference `{"Fn::GetStackOutput":...}` that `cdk synth`
 * writes; each function returns every rendering that applies.
 */

/** The renderings of `Fn::GetAtt [resource, attribute]` (or `Ref` when no attribute) as seen from `consumer`. */
function referenceRenderings(consumer: Stack, resource: CfnResource, attribute?: string): string[] {
  const producer = Stack.of(resource);
  const logicalId = producer.resolve(producer.getLogicalId(resource)) as string;
  const local = attribute ? `<${logicalId}.${attribute}>` : `<${logicalId}>`;
  if (producer === consumer) return [local];
  // aws-cdk-lib publishes the value as output `Publish/Output<reference as JSON>`, named like any logical id.
  const reference = attribute ? { 'Fn::GetAtt': [logicalId, attribute] } : { Ref: logicalId };
  const outputPath = ['Publish', `Output${JSON.stringify(reference)}`];
  const hash = createHash('md5').update(outputPath.join('/')).digest('hex').slice(0, 8).toUpperCase();
  const outputName = `${outputPath.map((part) => part.replace(/[^A-Za-z0-9]/g, '')).join('')}${hash}`;
  return [local, JSON.stringify({ 'Fn::GetStackOutput': { StackName: producer.stackName, Region: producer.region, OutputName: outputName } })];
}

/** The objects under `prefix` of a lake zone. */
export function zonePrefixResources(consumer: Stack, zone: LakeZone, prefix: string): string[] {
  return referenceRenderings(consumer, zone.bucket.node.defaultChild as CfnResource, 'Arn').map((arn) => `Resource::${arn}/${prefix}*`);
}

/** The tables of a Glue database. */
export function databaseTablesResources(consumer: Stack, database: glue.Database): string[] {
  return referenceRenderings(consumer, database.node.defaultChild as CfnResource)
    .map((name) => `Resource::arn:${consumer.partition}:glue:${consumer.region}:<AWS::AccountId>:table/${name}/*`);
}

/** The objects of the CDK bootstrap asset bucket (default qualifier), from which Glue reads job scripts. */
export function assetBucketObjectsResource(consumer: Stack): string {
  return `Resource::arn:${consumer.partition}:s3:::cdk-${DefaultStackSynthesizer.DEFAULT_QUALIFIER}-assets-<AWS::AccountId>-${consumer.region}/*`;
}
