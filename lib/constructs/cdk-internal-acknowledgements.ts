import { CfnResource, Stack, Validations } from 'aws-cdk-lib';
import { waiveControl } from './control-tower-waiver';

/**
 * Functions that aws-cdk-lib adds to a stack by itself (one singleton per stack) and that we cannot configure.
 * Their cdk-nag findings are acknowledged, and the Control Tower controls they cannot meet waived, on each singleton
 * alone, never on the stack.
 */
const CDK_SINGLETONS: ReadonlyArray<{
  idPrefix: string;
  findings: ReadonlyArray<{ id: string; reason: string }>;
  /** Control Tower rules waived on the singleton's Lambda function. */
  controls: ReadonlyArray<{ rule: string; reason: string }>;
}> = [
  {
    idPrefix: 'Custom::VpcRestrictDefaultSGCustomResourceProvider',
    findings: [],
    controls: [{
      rule: 'lambda_inside_vpc_check',
      reason: 'aws-cdk-lib\'s provider that strips the VPC default security group\'s rules at deploy time: it calls the EC2 API only, and its VPC settings are not configurable.',
    }],
  },
  {
    idPrefix: 'Custom::S3AutoDeleteObjectsCustomResourceProvider',
    findings: [],
    controls: [{
      rule: 'lambda_inside_vpc_check',
      reason: 'aws-cdk-lib\'s provider that empties a throw-away stage\'s buckets on deletion: it calls the S3 API only, and its VPC settings are not configurable.',
    }],
  },
];

/** Acknowledges the known findings of aws-cdk-lib's own singleton functions in `stack`, on each singleton only. */
export function acknowledgeCdkSingletons(stack: Stack): void {
  for (const child of stack.node.children) {
    const singleton = CDK_SINGLETONS.find((s) => child.node.id.startsWith(s.idPrefix));
    if (!singleton) continue;
    for (const finding of singleton.findings) Validations.of(child).acknowledge(finding);
    const functions = child.node.findAll().filter((c) => CfnResource.isCfnResource(c) && c.cfnResourceType === 'AWS::Lambda::Function');
    for (const fn of functions) for (const { rule, reason } of singleton.controls) waiveControl(fn, rule, reason);
  }
}
