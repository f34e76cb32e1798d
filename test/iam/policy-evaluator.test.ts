import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { ACCOUNT, CfnTemplates } from '../support/iam/cfn-templates';
import { type AwsRequest, PolicyEvaluator } from '../support/iam/policy-evaluator';
import { newTestApp } from '../support/pipeline-app';

/**
 * The evaluator behind test/iam/aws-calls-allowed.test.ts, on a small app whose answers are known: a bucket and keys
 * in one stack, the roles that use them in another (so the policies read them through Fn::GetStackOutput).
 */
const app = newTestApp();
const env = { region: 'eu-west-1' };
const data = new Stack(app, 'Data', { env, stackName: 'data' });
const apps = new Stack(app, 'Apps', { env, stackName: 'apps' });
const assumedBy = new iam.ServicePrincipal('lambda.amazonaws.com');

const bucket = new s3.Bucket(data, 'Bucket', { enforceSSL: true });
bucket.addToResourcePolicy(new iam.PolicyStatement({
  effect: iam.Effect.DENY, principals: [new iam.AnyPrincipal()], actions: ['s3:GetObject'], resources: [bucket.arnForObjects('secret/*')],
}));
const delegatingKey = new kms.Key(data, 'DelegatingKey');
const keyUser = new iam.Role(data, 'KeyUser', { assumedBy });
const someoneElse = `arn:aws:iam::${ACCOUNT}:role/key-admin`;
const closedKey = new kms.Key(data, 'ClosedKey', {
  policy: new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ principals: [new iam.ArnPrincipal(someoneElse)], actions: ['kms:*'], resources: ['*'] })] }),
});
const namingKey = new kms.Key(data, 'NamingKey', {
  policy: new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ principals: [keyUser], actions: ['kms:Decrypt'], resources: ['*'] })] }),
});

const reader = new iam.Role(apps, 'Reader', { assumedBy });
bucket.grantRead(reader);
iam.Grant.addToPrincipal({ grantee: reader, actions: ['kms:Decrypt'], resourceArns: [delegatingKey.keyArn, closedKey.keyArn] });
reader.addToPrincipalPolicy(new iam.PolicyStatement({
  actions: ['kms:GenerateDataKey'], resources: [delegatingKey.keyArn], conditions: { StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' } },
}));
reader.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [bucket.arnForObjects('*')] }));
reader.addToPrincipalPolicy(new iam.PolicyStatement({
  effect: iam.Effect.DENY, actions: ['s3:PutObject'], resources: ['*'], conditions: { StringNotEquals: { 'aws:SourceVpce': 'vpce-0123' } },
}));
const dated = new iam.Role(apps, 'Dated', { assumedBy });
dated.addToPrincipalPolicy(new iam.PolicyStatement({
  actions: ['s3:GetObject'], resources: ['*'], conditions: { DateGreaterThan: { 'aws:CurrentTime': '2020-01-01T00:00:00Z' } },
}));
const managed = new iam.Role(apps, 'Managed', {
  assumedBy, managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('ReadOnlyAccess')],
});
const logging = new iam.Role(apps, 'Logging', {
  assumedBy, managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaBasicExecutionRole')],
});

let templates: CfnTemplates;
let evaluate: (request: Omit<AwsRequest, 'context'> & { context?: AwsRequest['context'] }) => ReturnType<PolicyEvaluator['evaluate']>;
let arnOf: (token: string) => string;

beforeAll(() => {
  templates = CfnTemplates.of(app);
  const evaluator = new PolicyEvaluator(templates);
  evaluate = (request) => evaluator.evaluate({ ...request, context: { 'aws:SecureTransport': 'true', ...request.context } });
  arnOf = (token) => templates.resolveToken(token);
});

const object = (key: string) => `${arnOf(bucket.bucketArn)}/${key}`;

test('allows what an identity policy of another stack grants on the resource (through Fn::GetStackOutput)', () => {
  expect(evaluate({ principal: arnOf(reader.roleArn), action: 's3:GetObject', resource: object('data/a.csv') }).allowed).toBe(true);
});

test('matches actions case-insensitively, with wildcards', () => {
  // grantRead allows s3:GetObject*.
  expect(evaluate({ principal: arnOf(reader.roleArn), action: 'S3:getObjectVersion', resource: object('data/a.csv') }).allowed).toBe(true);
});

test('denies what no policy grants', () => {
  expect(evaluate({ principal: arnOf(reader.roleArn), action: 's3:DeleteObject', resource: object('data/a.csv') })).toEqual({
    allowed: false, reason: 'no identity or resource policy statement allows the request',
  });
  expect(evaluate({ principal: arnOf(keyUser.roleArn), action: 's3:GetObject', resource: object('data/a.csv') }).allowed).toBe(false);
});

test('an explicit Deny of the bucket policy wins over an identity Allow', () => {
  expect(evaluate({ principal: arnOf(reader.roleArn), action: 's3:GetObject', resource: object('secret/b.csv') })).toEqual({
    allowed: false, reason: expect.stringMatching(/^explicitly denied by BucketPolicy data\//),
  });
});

test('the TLS-only bucket policy denies a request without TLS', () => {
  const request = { principal: arnOf(reader.roleArn), action: 's3:GetObject', resource: object('data/a.csv') };
  expect(evaluate({ ...request, context: { 'aws:SecureTransport': 'false' } }).allowed).toBe(false);
});

describe('KMS', () => {
  test('a key policy that delegates to the account allows what an identity policy allows', () => {
    expect(evaluate({ principal: arnOf(reader.roleArn), action: 'kms:Decrypt', resource: arnOf(delegatingKey.keyArn) }).allowed).toBe(true);
  });

  test('a key policy without delegation to the account denies what an identity policy allows', () => {
    expect(evaluate({ principal: arnOf(reader.roleArn), action: 'kms:Decrypt', resource: arnOf(closedKey.keyArn) })).toEqual({
      allowed: false, reason: 'the key policy neither allows the role nor delegates this request to IAM policies of the account',
    });
  });

  test('a key policy that names the role allows without an identity policy', () => {
    expect(evaluate({ principal: arnOf(keyUser.roleArn), action: 'kms:Decrypt', resource: arnOf(namingKey.keyArn) }).allowed).toBe(true);
  });

  test('a delegating key policy does not allow what no identity policy allows', () => {
    expect(evaluate({ principal: arnOf(keyUser.roleArn), action: 'kms:Decrypt', resource: arnOf(delegatingKey.keyArn) }).allowed).toBe(false);
  });
});

describe('conditions', () => {
  const generateDataKey = () => ({ principal: arnOf(reader.roleArn), action: 'kms:GenerateDataKey', resource: arnOf(delegatingKey.keyArn) });

  test('a request whose condition key matches is allowed', () => {
    expect(evaluate({ ...generateDataKey(), context: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' } }).allowed).toBe(true);
  });

  test('a request whose condition key differs is denied', () => {
    expect(evaluate({ ...generateDataKey(), context: { 'kms:ViaService': 'secretsmanager.eu-west-1.amazonaws.com' } }).allowed).toBe(false);
  });

  test('a request without the condition key matches no positive operator', () => {
    expect(evaluate(generateDataKey()).allowed).toBe(false);
  });

  test('a request without the condition key matches every negated operator', () => {
    const putObject = { principal: arnOf(reader.roleArn), action: 's3:PutObject', resource: object('data/c.csv') };
    expect(evaluate(putObject).reason).toMatch(/^explicitly denied by Policy apps\//);
    expect(evaluate({ ...putObject, context: { 'aws:SourceVpce': 'vpce-0123' } }).allowed).toBe(true);
  });

  test('an operator the evaluator does not know fails the check instead of deciding', () => {
    expect(() => evaluate({ principal: arnOf(dated.roleArn), action: 's3:GetObject', resource: object('data/a.csv') }))
      .toThrow('unknown condition operator DateGreaterThan');
  });
});

test('a role with an AWS-managed policy the evaluator does not know fails the check instead of deciding', () => {
  expect(() => evaluate({ principal: arnOf(managed.roleArn), action: 's3:GetObject', resource: object('data/a.csv') }))
    .toThrow(/AWS-managed policy arn:aws:iam::aws:policy\/ReadOnlyAccess/);
});

test('AWSLambdaBasicExecutionRole allows writing logs, as AWS documents it, and nothing else', () => {
  const logStream = `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:/aws/lambda/f:log-stream:s`;
  expect(evaluate({ principal: arnOf(logging.roleArn), action: 'logs:PutLogEvents', resource: logStream }).allowed).toBe(true);
  expect(evaluate({ principal: arnOf(logging.roleArn), action: 's3:GetObject', resource: object('data/a.csv') }).allowed).toBe(false);
});

test('a key the app does not have fails the check instead of deciding', () => {
  expect(() => evaluate({ principal: arnOf(reader.roleArn), action: 'kms:Decrypt', resource: `arn:aws:kms:eu-west-1:${ACCOUNT}:key/other` }))
    .toThrow('the app has no key');
});
