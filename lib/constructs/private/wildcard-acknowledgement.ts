import { Stack, Validations } from 'aws-cdk-lib';
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference';
import type { IConstruct } from 'constructs';

/**
 * Acknowledges cdk-nag's AwsSolutions-IAM5 for one wildcard resource (e.g. `${bucket.bucketArn}/*`) on `scope`.
 * A resource of another stack is named differently before synthesis (`<Bucket.Arn>`) and after it (a cross-stack
 * output), so the finding id is computed both times, exactly as cdk-nag computes it.
 */
export function acknowledgeWildcardResource(scope: IConstruct, resource: string, reason: string): void {
  const findingId = () => `AwsSolutions-IAM5[Resource::${flattenCfnReference(Stack.of(scope).resolve(resource))}]`;
  const before = findingId();
  Validations.of(scope).acknowledge({ id: before, reason });
  // Construct validations run after cross-stack references are resolved and before validation plugins such as cdk-nag.
  // An acknowledgement records a stack trace, so the same id is not acknowledged twice.
  scope.node.addValidation({
    validate: () => {
      const after = findingId();
      if (after !== before) Validations.of(scope).acknowledge({ id: after, reason });
      return [];
    },
  });
}
