import { Stack, Validations } from 'aws-cdk-lib';

/**
 * Functions that aws-cdk-lib adds to a stack by itself (one singleton per stack) and that we cannot configure.
 * Their findings are acknowledged on each singleton alone, never on the stack.
 */
const CDK_SINGLETONS: ReadonlyArray<{ idPrefix: string; findings: ReadonlyArray<{ id: string; reason: string }> }> = [
  {
    idPrefix: 'BucketNotificationsHandler050a0587b7544547bf325f094a3db834',
    findings: [
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: 'aws-cdk-lib S3 notifications handler: CDK attaches the basic execution role to write its own logs; not configurable.',
      },
    ],
  },
];

/** Acknowledges the known findings of aws-cdk-lib's own singleton functions in `stack`, on each singleton only. */
export function acknowledgeCdkSingletons(stack: Stack): void {
  for (const child of stack.node.children) {
    const singleton = CDK_SINGLETONS.find((s) => child.node.id.startsWith(s.idPrefix));
    if (!singleton) continue;
    for (const finding of singleton.findings) Validations.of(child).acknowledge(finding);
  }
}
