import { createHash } from 'node:crypto';
import { CfnElement, CfnOutput, CfnResource, Lazy, Stack } from 'aws-cdk-lib';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct, type IConstruct } from 'constructs';
import type { ProducerFingerprintProps } from './producer-fingerprint-props';

/** The context key whose value becomes the fingerprints' refresh label: `cdk deploy --all -c crossStackRefresh=<label>`. */
export const CROSS_STACK_REFRESH_CONTEXT = 'crossStackRefresh';

interface StackOutputRead {
  readonly StackName: string;
  readonly OutputName: string;
}

/** An element as CloudFormation will see it. `_toCloudFormation` is what aws-cdk-lib itself walks to find references. */
const renderedIn = (stack: Stack, element: CfnElement): unknown =>
  stack.resolve((element as unknown as { _toCloudFormation(): unknown })._toCloudFormation());

function visit(value: unknown, onObject: (object: Record<string, unknown>) => void): void {
  if (Array.isArray(value)) value.forEach((item) => visit(item, onObject));
  else if (value !== null && typeof value === 'object') {
    onObject(value as Record<string, unknown>);
    Object.values(value).forEach((item) => visit(item, onObject));
  }
}

function stackOutputsReadBy(consumer: Stack, except: IConstruct): StackOutputRead[] {
  const reads = new Map<string, StackOutputRead>();
  for (const element of consumer.node.findAll()) {
    if (!CfnElement.isCfnElement(element) || element.node.scopes.includes(except)) continue;
    visit(renderedIn(consumer, element), (object) => {
      const read = object['Fn::GetStackOutput'] as StackOutputRead | undefined;
      if (read) reads.set(`${read.StackName}/${read.OutputName}`, { StackName: read.StackName, OutputName: read.OutputName });
    });
  }
  return [...reads.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, read]) => read);
}

/** The output a consumer reads, and every producer resource its value refers to, as the producer's template has them. */
function producerSide(consumer: Stack, read: StackOutputRead): unknown {
  const producer = consumer.node.root.node.findAll().find((c): c is Stack => Stack.isStack(c) && c.stackName === read.StackName);
  if (!producer) throw new Error(`${consumer.node.path} reads ${read.OutputName} of ${read.StackName}, a stack not in this app`);
  const elements = producer.node.findAll().filter(CfnElement.isCfnElement);
  const output = elements.find((e) => e instanceof CfnOutput && producer.resolve(e.logicalId) === read.OutputName) as CfnOutput | undefined;
  if (!output) throw new Error(`${consumer.node.path} reads ${read.OutputName}, which ${read.StackName} does not output`);
  const value = producer.resolve(output.value);
  const referenced = new Set<string>();
  visit(value, (object) => {
    if (typeof object.Ref === 'string') referenced.add(object.Ref);
    const getAtt = object['Fn::GetAtt'];
    if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') referenced.add(getAtt[0]);
  });
  const resources = elements
    .filter((e): e is CfnResource => CfnResource.isCfnResource(e) && referenced.has(producer.resolve(e.logicalId)))
    .map((resource) => renderedIn(producer, resource));
  return { ...read, value, resources };
}

/**
 * Makes a consumer stack's template change whenever a producer value it reads may have changed. Weak cross-stack
 * references (`Fn::GetStackOutput`) are resolved only when the consuming stack is created or updated
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-getstackoutput.html),
 * and `cdk deploy` skips a stack whose template did not change: a producer resource replaced under the same logical ID
 * (a new stream name, a new key) would never reach its consumers. This parameter's value is a SHA-256 over every output
 * the stack reads and the producer resources behind it (type, properties, metadata); when one changes, the consumer is
 * updated, and CloudFormation re-reads all the values it takes from other stacks. An SSM parameter because a stack
 * update needs a changed resource: template Metadata alone cannot be updated.
 */
export class ProducerFingerprint extends Construct {
  public readonly parameter: ssm.StringParameter;

  constructor(scope: Construct, id: string, props: ProducerFingerprintProps = {}) {
    super(scope, id);
    const consumer = Stack.of(this);
    // Uncached: aws-cdk-lib renders every element once before cross-stack references exist, to find them.
    const fingerprint = Lazy.uncachedString({
      produce: () => {
        const reads = stackOutputsReadBy(consumer, this).map((read) => producerSide(consumer, read));
        return createHash('sha256').update(JSON.stringify({ reads, refreshLabel: props.refreshLabel ?? null })).digest('hex');
      },
    });
    this.parameter = new ssm.StringParameter(this, 'Parameter', {
      stringValue: fingerprint,
      description: 'Changes with the producer resources this stack reads from other stacks, so that deploying it re-reads their values',
    });
  }
}
