import { CfnResource, type Stack, Validations } from 'aws-cdk-lib';
import { waiveControl } from './control-tower-waiver';

/**
 * Functions that aws-cdk-lib adds to a stack by itself (one singleton per stack) and that we cannot configure. The
 * Control Tower controls they cannot meet are waived on each singleton's function alone, never on the stack.
 */
const CDK_SINGLETONS: ReadonlyArray<{
  idPrefix: string;
  controls: ReadonlyArray<{ rule: string; reason: string }>;
  /** cdk-nag findings on the singleton that its configuration cannot avoid. @default - none */
  nag?: ReadonlyArray<{ id: string; reason: string }>;
}> = [
  {
    idPrefix: 'Custom::VpcRestrictDefaultSGCustomResourceProvider',
    controls: [{
      rule: 'lambda_inside_vpc_check',
      reason: 'aws-cdk-lib\'s provider that strips the VPC default security group\'s rules at deploy time: it calls the EC2 API only, and its VPC settings are not configurable.',
    }],
  },
  {
    idPrefix: 'Custom::S3AutoDeleteObjectsCustomResourceProvider',
    controls: [{
      rule: 'lambda_inside_vpc_check',
      reason: 'aws-cdk-lib\'s provider that empties a throw-away stage\'s buckets on deletion: it calls the S3 API only, and its VPC settings are not configurable.',
    }],
  },
  {
    // AwsCustomResource's function (the Redshift Serverless usage limit).
    idPrefix: 'AWS679f53fac002430cb0da5b7982bd2287',
    controls: [{
      rule: 'lambda_inside_vpc_check',
      reason: 'aws-cdk-lib\'s AwsCustomResource function: it calls AWS APIs only (the Redshift Serverless usage limit), and its VPC settings are not configurable.',
    }],
    nag: [{
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason: 'aws-cdk-lib\'s AwsCustomResource function role: AWS\'s managed policy lets it write its own logs, and the role is not configurable.',
    }],
  },
];

/** Waives what aws-cdk-lib's own singleton functions in `stack` cannot meet, on each singleton only. */
export function acknowledgeCdkSingletons(stack: Stack): void {
  for (const child of stack.node.children) {
    const singleton = CDK_SINGLETONS.find((s) => child.node.id.startsWith(s.idPrefix));
    if (!singleton) continue;
    for (const acknowledgement of singleton.nag ?? []) Validations.of(child).acknowledge(acknowledgement);
    const functions = child.node.findAll().filter((c) => CfnResource.isCfnResource(c) && c.cfnResourceType === 'AWS::Lambda::Function');
    for (const fn of functions) for (const { rule, reason } of singleton.controls) waiveControl(fn, rule, reason);
  }
}
