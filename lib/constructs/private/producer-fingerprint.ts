import { createHash } from 'node:crypto';
import { CfnElement, CfnOutput, CfnResource, Lazy, Stack } from 'aws-cdk-lib';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct, type IConstruct } from 'constructs';
import type { ProducerFingerprintProps } from './producer-fingerprint-props';

/** The context key whose value becomes the fingerprints' refresh label: `cdk deploy --all -c crossStackRefresh=<label>`. */
export const CROSS_STACK_REFRESH_CONTEXT = 'crossStackRefresh';

/** The fingerprint while aws-cdk-lib is still finding references: never in a template. */
const PREPARING = 'preparing';

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

/** A producer stack and its elements by logical ID, as its template names them. */
interface Producer {
  readonly stack: Stack;
  readonly elements: ReadonlyMap<string, CfnElement>;
}

/** Every stack of the consumer's app that may produce a value, by stack name; each read once, when first asked. */
function producersOf(consumer: Stack): (stackName: string) => Producer | undefined {
  const stacks = new Map(consumer.node.root.node.findAll().filter(Stack.isStack).map((stack) => [stack.stackName, stack]));
  const producers = new Map<string, Producer>();
  return (stackName) => {
    const stack = stacks.get(stackName);
    if (!stack) return undefined;
    if (!producers.has(stackName)) {
      const elements = stack.node.findAll().filter(CfnElement.isCfnElement);
      producers.set(stackName, { stack, elements: new Map(elements.map((e) => [stack.resolve(e.logicalId) as string, e])) });
    }
    return producers.get(stackName);
  };
}

/** The output a consumer reads, and every producer resource its value refers to, as the producer's template has them. */
function producerSide(consumer: Stack, producers: ReturnType<typeof producersOf>, read: StackOutputRead): unknown {
  const producer = producers(read.StackName);
  if (!producer) throw new Error(`${consumer.node.path} reads ${read.OutputName} of ${read.StackName}, a stack not in this app`);
  const output = producer.elements.get(read.OutputName);
  if (!(output instanceof CfnOutput)) throw new Error(`${consumer.node.path} reads ${read.OutputName}, which ${read.StackName} does not output`);
  const value = producer.stack.resolve(output.value);
  const referenced = new Set<string>();
  visit(value, (object) => {
    if (typeof object.Ref === 'string') referenced.add(object.Ref);
    const getAtt = object['Fn::GetAtt'];
    if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') referenced.add(getAtt[0]);
  });
  const resources = [...producer.elements.entries()]
    .filter(([logicalId, e]) => CfnResource.isCfnResource(e) && referenced.has(logicalId))
    .map(([, resource]) => renderedIn(producer.stack, resource));
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
    // Uncached: aws-cdk-lib renders every element once before cross-stack references exist, to find them. That
    // rendering (`preparing`) only looks for references, which a hash holds none of: it is not worth the hash's cost,
    // a full rendering of the consumer stack and of the producer resources it reads.
    const fingerprint = Lazy.uncachedString({
      produce: (context) => {
        if (context.preparing) return PREPARING;
        const producers = producersOf(consumer);
        const reads = stackOutputsReadBy(consumer, this).map((read) => producerSide(consumer, producers, read));
        return createHash('sha256').update(JSON.stringify({ reads, refreshLabel: props.refreshLabel ?? null })).digest('hex');
      },
    });
    this.parameter = new ssm.StringParameter(this, 'Parameter', {
      stringValue: fingerprint,
      description: 'Changes with the producer resources this stack reads from other stacks, so that deploying it re-reads their values',
    });
  }
}
