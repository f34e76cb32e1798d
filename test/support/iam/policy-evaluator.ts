import { ACCOUNT, type CfnTemplates, PARTITION, type TemplateResource } from './cfn-templates';

/** One request of a role, as IAM sees it. */
export interface AwsRequest {
  /** ARN of the role making the request. */
  readonly principal: string;
  readonly action: string;
  readonly resource: string;
  /** Condition keys of the request besides aws:PrincipalArn and aws:PrincipalAccount, which come from `principal`. */
  readonly context: Readonly<Record<string, string>>;
}

export interface Decision {
  readonly allowed: boolean;
  /** Which statement decided, or why none did. */
  readonly reason: string;
}

interface Statement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Action?: string | string[];
  readonly NotAction?: string | string[];
  readonly Resource?: string | string[];
  readonly NotResource?: string | string[];
  readonly Principal?: unknown;
  readonly NotPrincipal?: unknown;
  readonly Condition?: Record<string, Record<string, unknown>>;
}

/** A statement and the policy it comes from, for messages. */
interface PolicyStatement {
  readonly statement: Statement;
  readonly source: string;
}

/**
 * The AWS-managed policies the app attaches, as AWS documents them; a role with any other cannot be evaluated.
 * AWSLambdaBasicExecutionRole: https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSLambdaBasicExecutionRole.html
 */
const AWS_MANAGED_POLICIES: Readonly<Record<string, readonly Statement[]>> = {
  'service-role/AWSLambdaBasicExecutionRole': [
    { Effect: 'Allow', Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'], Resource: '*' },
  ],
};

type ResourcePolicy = { readonly kind: 'key' | 'resource'; readonly statements: readonly PolicyStatement[] };

/**
 * Decides requests of the app's roles the way IAM does within one account
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html), from the role's identity
 * policies and the resource policy of the target (bucket, key, queue, topic or secret policy, when the app has one):
 * - an explicit Deny in any of them wins;
 * - a KMS key is usable only if its key policy allows the role itself, or allows the account (delegation to IAM) and an
 *   identity policy allows too;
 * - any other resource is usable if an identity policy, or a resource policy naming the role, allows.
 * What it cannot evaluate (an AWS-managed policy, a permissions boundary, an unknown condition operator, a policy
 * variable) throws instead of deciding.
 */
export class PolicyEvaluator {
  private readonly identityCache = new Map<string, readonly PolicyStatement[]>();
  private readonly resourcePolicyCache = new Map<string, ResourcePolicy | undefined>();

  constructor(private readonly templates: CfnTemplates) {}

  evaluate(request: AwsRequest): Decision {
    const identity = this.identityStatements(request.principal);
    const resourcePolicy = this.resourcePolicy(request.resource);
    const context: Record<string, string> = {
      'aws:PrincipalArn': request.principal,
      'aws:PrincipalAccount': ACCOUNT,
      ...request.context,
    };
    const applies = ({ statement }: PolicyStatement) => actionMatches(statement, request.action)
      && resourceMatches(statement, request.resource) && conditionsMatch(statement.Condition, context);
    const principal = ({ statement }: PolicyStatement) => principalMatch(statement, request.principal);
    const resourceStatements = resourcePolicy?.statements ?? [];

    const deny = [...identity.filter((s) => s.statement.Effect === 'Deny' && applies(s)),
      ...resourceStatements.filter((s) => s.statement.Effect === 'Deny' && principal(s) !== 'none' && applies(s))][0];
    if (deny) return { allowed: false, reason: `explicitly denied by ${describe(deny)}` };

    const identityAllow = identity.find((s) => s.statement.Effect === 'Allow' && applies(s));
    const resourceAllow = (match: 'role' | 'account') =>
      resourceStatements.find((s) => s.statement.Effect === 'Allow' && principal(s) === match && applies(s));
    if (resourcePolicy?.kind === 'key') {
      const direct = resourceAllow('role');
      if (direct) return { allowed: true, reason: `allowed by ${describe(direct)}` };
      const delegation = resourceAllow('account');
      if (!delegation) return { allowed: false, reason: 'the key policy neither allows the role nor delegates this request to IAM policies of the account' };
      if (!identityAllow) return { allowed: false, reason: `${describe(delegation)} delegates to IAM, but no identity policy of the role allows the request` };
      return { allowed: true, reason: `allowed by ${describe(identityAllow)} (the key policy delegates to IAM)` };
    }
    const allow = identityAllow ?? resourceAllow('role');
    if (allow) return { allowed: true, reason: `allowed by ${describe(allow)}` };
    return { allowed: false, reason: `no ${resourcePolicy ? 'identity or resource' : 'identity'} policy statement allows the request` };
  }

  /** Statements of every policy attached to the role with ARN `roleArn`. */
  private identityStatements(roleArn: string): readonly PolicyStatement[] {
    const cached = this.identityCache.get(roleArn);
    if (cached) return cached;
    const { templates } = this;
    const roles = templates.resourcesOfType('AWS::IAM::Role')
      .filter((r) => templates.resolve(r.stackName, { 'Fn::GetAtt': [r.logicalId, 'Arn'] }) === roleArn);
    if (roles.length !== 1) throw new Error(`${roles.length} roles of the app have the ARN ${roleArn}`);
    const [role] = roles;
    if (role.properties.PermissionsBoundary) throw new Error(`${roleArn} has a permissions boundary, which this evaluator does not read`);
    const roleName = templates.resolve(role.stackName, { Ref: role.logicalId });
    const inline = ((role.properties.Policies ?? []) as { PolicyName: string; PolicyDocument: unknown }[])
      .flatMap((p) => (templates.resolve(role.stackName, p.PolicyDocument) as { Statement: Statement[] }).Statement
        .map((statement) => ({ statement, source: `inline policy ${p.PolicyName} of ${roleName}` })));
    const managedArns = templates.resolve(role.stackName, role.properties.ManagedPolicyArns ?? []) as string[];
    const awsManagedPrefix = `arn:${PARTITION}:iam::aws:policy/`;
    const awsManaged = managedArns.filter((arn) => arn.startsWith(awsManagedPrefix)).flatMap((arn) => {
      const statements = AWS_MANAGED_POLICIES[arn.slice(awsManagedPrefix.length)];
      if (!statements) throw new Error(`${roleArn} has the AWS-managed policy ${arn}, which this evaluator cannot read`);
      return statements.map((statement) => ({ statement, source: `AWS-managed policy ${arn}` }));
    });
    const attached = (type: string) => templates.resourcesOfType(type).filter((p) => {
      const byRole = (templates.resolve(p.stackName, p.properties.Roles ?? []) as string[]).includes(roleName);
      const byArn = type === 'AWS::IAM::ManagedPolicy' && managedArns.includes(templates.resolve(p.stackName, { Ref: p.logicalId }));
      return byRole || byArn;
    }).flatMap((p) => this.statementsOf(p, 'PolicyDocument', `${type.split('::').pop()} ${p.stackName}/${p.logicalId}`));

    const statements = [...inline, ...awsManaged, ...attached('AWS::IAM::Policy'), ...attached('AWS::IAM::ManagedPolicy')];
    this.identityCache.set(roleArn, statements);
    return statements;
  }

  /** The policy of the bucket, key, queue, topic or secret named by `resource`, if the app gives it one. */
  private resourcePolicy(resource: string): ResourcePolicy | undefined {
    const service = resource.split(':')[2];
    const cacheKey = service === 's3' ? resource.split('/')[0] : resource;
    if (!this.resourcePolicyCache.has(cacheKey)) {
      this.resourcePolicyCache.set(cacheKey, service === 'kms' ? this.keyPolicy(resource) : this.otherResourcePolicy(service, resource));
    }
    return this.resourcePolicyCache.get(cacheKey);
  }

  /** Every key has a key policy; a key the app does not have cannot be decided. */
  private keyPolicy(keyArn: string): ResourcePolicy {
    const { templates } = this;
    const keys = templates.resourcesOfType('AWS::KMS::Key')
      .filter((k) => templates.resolve(k.stackName, { 'Fn::GetAtt': [k.logicalId, 'Arn'] }) === keyArn);
    if (keys.length !== 1) throw new Error(`the app has no key ${keyArn}, so its key policy cannot be read`);
    const [key] = keys;
    return { kind: 'key', statements: this.statementsOf(key, 'KeyPolicy', `key policy of ${key.stackName}/${key.logicalId}`) };
  }

  private otherResourcePolicy(service: string, resource: string): ResourcePolicy | undefined {
    const where = RESOURCE_POLICIES[service];
    if (!where) return undefined;
    const target = targetOf(resource);
    const statements = this.templates.resourcesOfType(where.type)
      .filter((p) => [this.templates.resolve(p.stackName, p.properties[where.targets])].flat().map(where.name ?? String).includes(target))
      .flatMap((p) => this.statementsOf(p, where.document, `${where.type.split('::').pop()} ${p.stackName}/${p.logicalId}`));
    return statements.length > 0 ? { kind: 'resource', statements } : undefined;
  }

  private statementsOf(resource: TemplateResource, property: string, source: string): PolicyStatement[] {
    const document = this.templates.resolve(resource.stackName, resource.properties[property]) as { Statement: Statement[] };
    return document.Statement.map((statement) => ({ statement, source }));
  }
}

/** Where the app declares the resource policy of each other kind of resource, and how that policy names its target. */
const RESOURCE_POLICIES: Readonly<Record<string, { type: string; targets: string; document: string; name?: (value: string) => string }>> = {
  s3: { type: 'AWS::S3::BucketPolicy', targets: 'Bucket', document: 'PolicyDocument' },
  sqs: { type: 'AWS::SQS::QueuePolicy', targets: 'Queues', document: 'PolicyDocument', name: (url) => url.split('/').pop()! },
  sns: { type: 'AWS::SNS::TopicPolicy', targets: 'Topics', document: 'PolicyDocument' },
  secretsmanager: { type: 'AWS::SecretsManager::ResourcePolicy', targets: 'SecretId', document: 'ResourcePolicy' },
};

/** What a resource policy names its target by: a bucket's name, a queue's name, or the ARN itself. */
function targetOf(resource: string): string {
  const [, , service, , , ...rest] = resource.split(':');
  if (service === 's3') return rest.join(':').split('/')[0];
  if (service === 'sqs') return rest.join(':');
  return resource;
}

function describe({ statement, source }: PolicyStatement): string {
  return `${statement.Sid ? `statement ${statement.Sid} of ` : ''}${source}`;
}

const list = (value: unknown): string[] => (value === undefined ? [] : [value].flat().map(String));

/** IAM wildcards: `*` any run of characters, `?` one character. */
function wildcard(pattern: string, value: string, ignoreCase = false): boolean {
  if (pattern.includes('${')) throw new Error(`policy variables such as ${pattern} are not evaluated`);
  const source = pattern.split('').map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('');
  return new RegExp(`^${source}$`, ignoreCase ? 'is' : 's').test(value);
}

function actionMatches(statement: Statement, action: string): boolean {
  if (statement.Action !== undefined) return list(statement.Action).some((p) => wildcard(p, action, true));
  if (statement.NotAction !== undefined) return !list(statement.NotAction).some((p) => wildcard(p, action, true));
  throw new Error(`statement without Action or NotAction: ${JSON.stringify(statement)}`);
}

function resourceMatches(statement: Statement, resource: string): boolean {
  if (statement.Resource !== undefined) return list(statement.Resource).some((p) => wildcard(p, resource));
  if (statement.NotResource !== undefined) return !list(statement.NotResource).some((p) => wildcard(p, resource));
  throw new Error(`statement without Resource or NotResource: ${JSON.stringify(statement)}`);
}

/** Whether a resource-policy statement names the role itself (or everyone), only its account, or neither. */
function principalMatch(statement: Statement, roleArn: string): 'role' | 'account' | 'none' {
  const named = (principal: unknown): 'role' | 'account' | 'none' => {
    if (principal === '*') return 'role';
    const aws = list((principal as { AWS?: unknown } | undefined)?.AWS);
    if (aws.includes('*') || aws.includes(roleArn)) return 'role';
    if (aws.includes(ACCOUNT) || aws.includes(`arn:${PARTITION}:iam::${ACCOUNT}:root`)) return 'account';
    return 'none';
  };
  if (statement.Principal !== undefined) return named(statement.Principal);
  if (statement.NotPrincipal !== undefined) return named(statement.NotPrincipal) === 'none' ? 'role' : 'none';
  throw new Error(`resource policy statement without Principal or NotPrincipal: ${JSON.stringify(statement)}`);
}

const NEGATED = new Set(['StringNotEquals', 'StringNotEqualsIgnoreCase', 'StringNotLike', 'ArnNotEquals', 'ArnNotLike', 'NumericNotEquals']);

/** Every operator and key of a Condition block must match (AND); the values of one key are alternatives (OR, NOR when negated). */
function conditionsMatch(condition: Statement['Condition'], context: Readonly<Record<string, string>>): boolean {
  return Object.entries(condition ?? {}).every(([operator, keys]) => Object.entries(keys)
    .every(([key, values]) => conditionMatches(operator, list(values), context[key])));
}

/**
 * One operator on one key (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html):
 * a key absent from the request matches no positive operator and every negated one, except with ...IfExists (matches)
 * and Null (tests presence).
 */
function conditionMatches(qualifiedOperator: string, policyValues: string[], contextValue: string | undefined): boolean {
  const [qualifier, unqualified] = qualifiedOperator.includes(':') ? qualifiedOperator.split(':') : [undefined, qualifiedOperator];
  if (qualifier !== undefined && qualifier !== 'ForAnyValue' && qualifier !== 'ForAllValues') {
    throw new Error(`unknown condition qualifier ${qualifier}`);
  }
  if (unqualified === 'Null') return policyValues.some((v) => (v === 'true') === (contextValue === undefined));
  const ifExists = unqualified.endsWith('IfExists');
  const operator = ifExists ? unqualified.slice(0, -'IfExists'.length) : unqualified;
  const compare = comparison(operator);
  if (contextValue === undefined) return ifExists || qualifier === 'ForAllValues' || (qualifier === undefined && NEGATED.has(operator));
  const matched = policyValues.some((p) => compare(contextValue, p));
  return NEGATED.has(operator) ? !matched : matched;
}

/** The positive comparison behind `operator` (a negated operator's comparison is its positive one's). */
function comparison(operator: string): (value: string, policyValue: string) => boolean {
  const number = (text: string) => {
    const n = Number(text);
    if (Number.isNaN(n)) throw new Error(`${operator}: ${text} is not a number`);
    return n;
  };
  switch (operator) {
    case 'StringEquals': case 'StringNotEquals': return (v, p) => v === p;
    case 'StringEqualsIgnoreCase': case 'StringNotEqualsIgnoreCase': return (v, p) => v.toLowerCase() === p.toLowerCase();
    case 'StringLike': case 'StringNotLike': return (v, p) => wildcard(p, v);
    case 'ArnEquals': case 'ArnLike': case 'ArnNotEquals': case 'ArnNotLike': return arnMatches;
    case 'Bool': return (v, p) => v.toLowerCase() === p.toLowerCase();
    case 'NumericEquals': case 'NumericNotEquals': return (v, p) => number(v) === number(p);
    case 'NumericLessThan': return (v, p) => number(v) < number(p);
    case 'NumericLessThanEquals': return (v, p) => number(v) <= number(p);
    case 'NumericGreaterThan': return (v, p) => number(v) > number(p);
    case 'NumericGreaterThanEquals': return (v, p) => number(v) >= number(p);
    default: throw new Error(`unknown condition operator ${operator}`);
  }
}

/** ARN operators compare the six colon-separated parts of an ARN one by one, each with wildcards. */
function arnMatches(value: string, pattern: string): boolean {
  const parts = (arn: string) => {
    const split = arn.split(':');
    return [...split.slice(0, 5), split.slice(5).join(':')];
  };
  const [valueParts, patternParts] = [parts(value), parts(pattern)];
  return valueParts.length === 6 && patternParts.length === 6 && patternParts.every((p, i) => wildcard(p, valueParts[i]));
}
