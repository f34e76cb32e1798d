import type { App } from 'aws-cdk-lib';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import {
  DefaultTokenResolver, type IPostProcessor, type IResolvable, type IResolveContext, Reference, Stack, StringConcat, Token, Tokenization,
} from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/** What the pseudo parameters resolve to: one fixed account, the stacks' own region. */
export const ACCOUNT = '123456789012';
export const PARTITION = 'aws';
const URL_SUFFIX = 'amazonaws.com';
/** Region of a stack synthesized without one (environment-agnostic). */
const DEFAULT_REGION = 'eu-west-1';

type Json = any;

interface StackTemplate {
  readonly stackName: string;
  readonly region: string;
  readonly template: Json;
}

/** A resource of one of the templates. */
export interface TemplateResource {
  readonly stackName: string;
  readonly logicalId: string;
  readonly type: string;
  readonly properties: Json;
}

/**
 * The synthesized templates of every stack of an app, with CloudFormation's intrinsic functions evaluated into the
 * strings a deployment would produce: physical names are the names the template sets, or `<stack>-<logicalId>` where
 * CloudFormation would generate one, and ARNs are built from them as each service builds its ARNs. Anything it cannot
 * evaluate (an unknown resource type or attribute, Fn::If, a missing output) throws: a policy the test cannot read
 * must fail the test, not pass it.
 */
export class CfnTemplates {
  /** The templates of every stack of `app`, synthesized (once) as `cdk synth` would. */
  /** The templates of `app`, as `assembly` holds it synthesized (by default, synthesized now). */
  static of(app: App, assembly: CloudAssembly = app.synth()): CfnTemplates {
    return new CfnTemplates(app, assembly.stacks.map((s) => ({
      stackName: s.stackName,
      region: Token.isUnresolved(s.environment.region) || s.environment.region === 'unknown-region' ? DEFAULT_REGION : s.environment.region,
      template: s.template,
    })));
  }

  private readonly stacks: ReadonlyMap<string, StackTemplate>;

  private constructor(private readonly app: App, stacks: readonly StackTemplate[]) {
    this.stacks = new Map(stacks.map((s) => [s.stackName, s]));
  }

  /** A copy whose template of `stackName` is changed by `edit` (to prove that a check fails without a grant). */
  withTemplate(stackName: string, edit: (template: Json) => void): CfnTemplates {
    return new CfnTemplates(this.app, [...this.stacks.values()].map((s) => {
      if (s.stackName !== stackName) return s;
      const template = structuredClone(s.template);
      edit(template);
      return { ...s, template };
    }));
  }

  /** Every resource of type `type` in every stack. */
  resourcesOfType(type: string): TemplateResource[] {
    return [...this.stacks.values()].flatMap((s) => Object.entries<Json>(s.template.Resources ?? {})
      .filter(([, r]) => r.Type === type)
      .map(([logicalId, r]) => ({ stackName: s.stackName, logicalId, type, properties: r.Properties ?? {} })));
  }

  /** `value` of stack `stackName` with every intrinsic function evaluated. */
  resolve(stackName: string, value: Json): Json {
    const stack = this.stacks.get(stackName);
    if (!stack) throw new Error(`no stack named ${stackName} in the app`);
    return this.evaluate(stack, value);
  }

  /** The value a CDK token (an attribute of any stack's construct, or a string built from one) deploys as. */
  resolveToken(token: string): string {
    if (!Token.isUnresolved(token)) return token;
    const owner = this.ownerOf(token);
    const value = this.resolve(owner.stackName, owner.resolve(token));
    if (typeof value !== 'string') throw new Error(`token ${token} resolves to ${JSON.stringify(value)}, not a string`);
    return value;
  }

  /** The stack whose resources `token` refers to: resolved there, a reference needs no cross-stack output. */
  private ownerOf(token: string): Stack {
    const resolver = new ReferenceCollector();
    const anyStack = this.app.node.children.find((c): c is Stack => Stack.isStack(c));
    if (!anyStack) throw new Error('the app has no stack');
    Tokenization.resolve(token, { scope: anyStack, resolver, preparing: true });
    const owners = new Set(resolver.references.map((reference) => Stack.of(reference.target as IConstruct)));
    if (owners.size > 1) throw new Error(`token ${token} refers to resources of ${owners.size} stacks: bind one attribute at a time`);
    return [...owners][0] ?? anyStack;
  }

  private evaluate(stack: StackTemplate, value: Json): Json {
    if (Array.isArray(value)) return value.map((v) => this.evaluate(stack, v)).filter((v) => v !== NO_VALUE);
    if (value === null || typeof value !== 'object') return value;
    const keys = Object.keys(value);
    if (keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'))) return this.intrinsic(stack, keys[0], value[keys[0]]);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.evaluate(stack, v)]).filter(([, v]) => v !== NO_VALUE));
  }

  private intrinsic(stack: StackTemplate, fn: string, arg: Json): Json {
    switch (fn) {
      case 'Ref': return this.ref(stack, arg);
      case 'Fn::GetAtt': {
        const [logicalId, attribute] = typeof arg === 'string' ? arg.split(/\.(.*)/s) : arg;
        return this.getAtt(stack, logicalId, attribute);
      }
      case 'Fn::Join': {
        const [separator, parts] = arg;
        return (this.evaluate(stack, parts) as Json[]).map((p) => this.scalar(p, fn)).join(separator);
      }
      case 'Fn::Sub': return this.sub(stack, arg);
      case 'Fn::Select': {
        const [index, list] = this.evaluate(stack, arg);
        if (!Array.isArray(list) || list[Number(index)] === undefined) throw new Error(`Fn::Select ${index} out of ${JSON.stringify(list)}`);
        return list[Number(index)];
      }
      case 'Fn::Split': {
        const [separator, source] = this.evaluate(stack, arg);
        return this.scalar(source, fn).split(separator);
      }
      case 'Fn::GetStackOutput': {
        const { StackName: producer, OutputName: output } = this.evaluate(stack, arg);
        const producerStack = this.stacks.get(producer);
        const outputValue = producerStack?.template.Outputs?.[output];
        if (!producerStack || !outputValue) throw new Error(`Fn::GetStackOutput: ${producer} has no output ${output}`);
        return this.evaluate(producerStack, outputValue.Value);
      }
      case 'Fn::ImportValue': {
        const name = this.evaluate(stack, arg);
        for (const producer of this.stacks.values()) {
          for (const output of Object.values<Json>(producer.template.Outputs ?? {})) {
            if (output.Export && this.evaluate(producer, output.Export.Name) === name) return this.evaluate(producer, output.Value);
          }
        }
        throw new Error(`Fn::ImportValue: no stack exports ${name}`);
      }
      default: throw new Error(`cannot evaluate ${fn} in ${stack.stackName}`);
    }
  }

  private scalar(value: Json, where: string): string {
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
      throw new Error(`${where}: expected a string, got ${JSON.stringify(value)}`);
    }
    return String(value);
  }

  private sub(stack: StackTemplate, arg: Json): string {
    const [text, variables] = typeof arg === 'string' ? [arg, {}] : [arg[0], this.evaluate(stack, arg[1])];
    return (text as string).replace(/\$\{(!?)([^}]+)\}/g, (_, literal: string, name: string) => {
      if (literal) return `\${${name}}`;
      if (name in variables) return this.scalar(variables[name], 'Fn::Sub');
      const [logicalId, attribute] = name.split(/\.(.*)/s);
      return this.scalar(attribute ? this.getAtt(stack, logicalId, attribute) : this.ref(stack, logicalId), 'Fn::Sub');
    });
  }

  private ref(stack: StackTemplate, name: string): Json {
    switch (name) {
      case 'AWS::AccountId': return ACCOUNT;
      case 'AWS::Region': return stack.region;
      case 'AWS::Partition': return PARTITION;
      case 'AWS::URLSuffix': return URL_SUFFIX;
      case 'AWS::StackName': return stack.stackName;
      case 'AWS::NoValue': return NO_VALUE;
      default: break;
    }
    const parameter = stack.template.Parameters?.[name];
    if (parameter) return parameter.Default;
    const resource = this.resource(stack, name);
    const props = resource.Properties ?? {};
    const arn = (service: string, path: string) => `arn:${PARTITION}:${service}:${stack.region}:${ACCOUNT}:${path}`;
    switch (resource.Type) {
      case 'AWS::SNS::Topic': return arn('sns', this.name(stack, name, props.TopicName));
      case 'AWS::SQS::Queue': return `https://sqs.${stack.region}.${URL_SUFFIX}/${ACCOUNT}/${this.name(stack, name, props.QueueName)}`;
      case 'AWS::SecretsManager::Secret': return arn('secretsmanager', `secret:${this.name(stack, name, props.Name)}-AbCdEf`);
      case 'AWS::SecretsManager::SecretTargetAttachment': return this.evaluate(stack, props.SecretId);
      case 'AWS::StepFunctions::StateMachine': return arn('states', `stateMachine:${this.name(stack, name, props.StateMachineName)}`);
      case 'AWS::IAM::ManagedPolicy': return `arn:${PARTITION}:iam::${ACCOUNT}:policy/${this.name(stack, name, props.ManagedPolicyName)}`;
      case 'AWS::KMS::Key': return `key-${name}`;
      default: return this.name(stack, name, NAME_PROPERTY[resource.Type]?.(props), resource.Type);
    }
  }

  private getAtt(stack: StackTemplate, logicalId: string, attribute: string): Json {
    const resource = this.resource(stack, logicalId);
    const arn = (service: string, path: string) => `arn:${PARTITION}:${service}:${stack.region}:${ACCOUNT}:${path}`;
    const ref = () => this.ref(stack, logicalId);
    const attributes: Record<string, Record<string, () => Json>> = {
      'AWS::S3::Bucket': { Arn: () => `arn:${PARTITION}:s3:::${ref()}` },
      'AWS::KMS::Key': { Arn: () => arn('kms', `key/${ref()}`), KeyId: ref },
      'AWS::IAM::Role': {
        Arn: () => `arn:${PARTITION}:iam::${ACCOUNT}:role${resource.Properties?.Path ?? '/'}${ref()}`,
        RoleId: () => `AROA${logicalId.toUpperCase()}`,
      },
      'AWS::Kinesis::Stream': { Arn: () => arn('kinesis', `stream/${ref()}`) },
      'AWS::KinesisFirehose::DeliveryStream': { Arn: () => arn('firehose', `deliverystream/${ref()}`) },
      'AWS::SQS::Queue': {
        Arn: () => arn('sqs', this.name(stack, logicalId, resource.Properties?.QueueName)),
        QueueName: () => this.name(stack, logicalId, resource.Properties?.QueueName),
        QueueUrl: ref,
      },
      'AWS::SNS::Topic': { TopicArn: ref, TopicName: () => this.name(stack, logicalId, resource.Properties?.TopicName) },
      'AWS::Lambda::Function': { Arn: () => arn('lambda', `function:${ref()}`) },
      'AWS::Logs::LogGroup': { Arn: () => arn('logs', `log-group:${ref()}:*`) },
      'AWS::DynamoDB::GlobalTable': {
        Arn: () => arn('dynamodb', `table/${ref()}`),
        StreamArn: () => arn('dynamodb', `table/${ref()}/stream/2025-01-01T00:00:00.000`),
      },
      'AWS::StepFunctions::StateMachine': { Arn: ref, Name: () => this.name(stack, logicalId, resource.Properties?.StateMachineName) },
      'AWS::SecretsManager::Secret': { Id: ref },
      'AWS::RedshiftServerless::Workgroup': {
        'Workgroup.WorkgroupId': () => `wg-${logicalId}`,
        'Workgroup.WorkgroupArn': () => arn('redshift-serverless', `workgroup/wg-${logicalId}`),
      },
    };
    const get = attributes[resource.Type]?.[attribute];
    if (!get) throw new Error(`cannot evaluate Fn::GetAtt ${logicalId}.${attribute} (${resource.Type}) in ${stack.stackName}`);
    return get();
  }

  private resource(stack: StackTemplate, logicalId: string): Json {
    const resource = stack.template.Resources?.[logicalId];
    if (!resource) throw new Error(`${stack.stackName} has no resource or parameter ${logicalId}`);
    return resource;
  }

  /** The resource's name from the template, or the one CloudFormation would generate. */
  private name(stack: StackTemplate, logicalId: string, given: Json, type?: string): string {
    if (given !== undefined) return this.scalar(this.evaluate(stack, given), `name of ${logicalId}`);
    if (type !== undefined && !GENERATED_NAME_TYPES.has(type)) {
      throw new Error(`cannot evaluate Ref ${logicalId} (${type}) in ${stack.stackName}`);
    }
    const generated = `${stack.stackName}-${logicalId}`;
    return type === 'AWS::S3::Bucket' ? generated.toLowerCase() : generated;
  }
}

/** Records the references a token is made of, to find the stack they belong to. */
class ReferenceCollector extends DefaultTokenResolver {
  readonly references: Reference[] = [];

  constructor() {
    super(new StringConcat());
  }

  override resolveToken(token: IResolvable, context: IResolveContext, postProcessor: IPostProcessor): unknown {
    if (token instanceof Reference) this.references.push(token);
    return super.resolveToken(token, context, postProcessor);
  }
}

/** AWS::NoValue: removed from the list or object holding it. */
const NO_VALUE = Symbol('AWS::NoValue');

/** Where each resource type that `Ref` returns the name of takes its name from. */
const NAME_PROPERTY: Record<string, (props: Json) => Json> = {
  'AWS::S3::Bucket': (p) => p.BucketName,
  'AWS::IAM::Role': (p) => p.RoleName,
  'AWS::IAM::Policy': (p) => p.PolicyName,
  'AWS::Glue::Database': (p) => p.DatabaseInput?.Name,
  'AWS::Glue::Table': (p) => p.TableInput?.Name,
  'AWS::Glue::Job': (p) => p.Name,
  'AWS::Glue::Crawler': (p) => p.Name,
  'AWS::Glue::SecurityConfiguration': (p) => p.Name,
  'AWS::Kinesis::Stream': (p) => p.Name,
  'AWS::KinesisFirehose::DeliveryStream': (p) => p.DeliveryStreamName,
  'AWS::Lambda::Function': (p) => p.FunctionName,
  'AWS::Logs::LogGroup': (p) => p.LogGroupName,
  'AWS::Logs::LogStream': (p) => p.LogStreamName,
  'AWS::DynamoDB::GlobalTable': (p) => p.TableName,
  'AWS::Redshift::Cluster': (p) => p.ClusterIdentifier,
};

/** Resource types CloudFormation names when the template does not (the others here must be named). */
const GENERATED_NAME_TYPES = new Set(Object.keys(NAME_PROPERTY).filter((t) => !['AWS::Glue::Database', 'AWS::Glue::Table'].includes(t)));
