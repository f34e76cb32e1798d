import { Stack } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type { AwsCall } from '../../../lib/aws-call';
import { ACCOUNT, type CfnTemplates, PARTITION } from './cfn-templates';
import type { AwsRequest } from './policy-evaluator';

/** A runtime artifact: what it is called in test names, the calls it declares, and where those point in the app. */
export interface Artifact<Stacks> {
  readonly name: string;
  readonly calls: readonly AwsCall[];
  /** The role the artifact calls AWS as, and the value of each placeholder: a token of the app's constructs, or a string. */
  readonly bind: (stacks: Stacks) => { readonly role: iam.IRole; readonly resources: Readonly<Record<string, string>> };
}

/** One declared call. */
export interface CallCheck {
  /** Reads as a specification: `<artifact> may call <action> on <resource>` (the most specific, for a Glue catalog call). */
  readonly title: string;
  readonly call: AwsCall;
}

/** An artifact's role and placeholder values, evaluated in the synthesized app. */
export interface BoundArtifact {
  readonly principal: string;
  readonly region: string;
  readonly values: Readonly<Record<string, string>>;
}

const PLACEHOLDER = /\{([^{}]+)\}/g;
const PSEUDO = ['partition', 'region', 'account'];

/** The checks of an artifact: each declared call, once. */
export function checksOf<Stacks>(artifact: Artifact<Stacks>): CallCheck[] {
  const checks = new Map<string, CallCheck>();
  for (const call of artifact.calls) {
    const title = `${artifact.name} may call ${call.action} on ${shortName([call.resource].flat().at(-1)!)}${contextSuffix(call.context)}`;
    checks.set(title, { title, call });
  }
  return [...checks.values()];
}

/** The placeholders an artifact's declarations use, pseudo parameters aside. */
export function placeholdersOf<Stacks>(artifact: Artifact<Stacks>): string[] {
  const texts = artifact.calls.flatMap((call) => [...[call.resource].flat(), ...Object.values(call.context ?? {})]);
  return [...new Set(texts.flatMap((text) => [...text.matchAll(PLACEHOLDER)].map((m) => m[1])))].filter((p) => !PSEUDO.includes(p)).sort();
}

/** Evaluates the artifact's role and placeholder values in the synthesized app. */
export function bindArtifact<Stacks>(artifact: Artifact<Stacks>, stacks: Stacks, templates: CfnTemplates): BoundArtifact {
  const { role, resources } = artifact.bind(stacks);
  return {
    principal: templates.resolveToken(role.roleArn),
    region: templates.resolveToken(Stack.of(role).region),
    values: Object.fromEntries(Object.entries(resources).map(([name, token]) => [name, templates.resolveToken(token)])),
  };
}

/**
 * The requests IAM authorizes for a check, one per resource it is checked on. Every request travels over TLS 1.2 or
 * later (the SDKs' and AWS services' default), which the buckets' and queues' policies require.
 */
export function requestsOf(check: CallCheck, bound: BoundArtifact): AwsRequest[] {
  const fill = (text: string) => text.replace(PLACEHOLDER, (_, name: string) => {
    const value = { partition: PARTITION, region: bound.region, account: ACCOUNT, ...bound.values }[name];
    if (value === undefined) throw new Error(`${check.title}: nothing is bound to {${name}}`);
    return value;
  });
  const context = {
    'aws:SecureTransport': 'true',
    's3:TlsVersion': '1.2',
    ...Object.fromEntries(Object.entries(check.call.context ?? {}).map(([key, value]) => [key, fill(value)])),
  };
  return [check.call.resource].flat().map((resource) => ({ principal: bound.principal, action: check.call.action, resource: fill(resource), context }));
}

/** A resource as a reader names it: without the `arn:<partition>:<service>:<region>:<account>:` every ARN starts with. */
function shortName(resource: string): string {
  return resource.replace(/^arn:\{partition\}:[a-z0-9-]+:(\{region\})?:(\{account\})?:/, '');
}

function contextSuffix(context: AwsCall['context']): string {
  return Object.entries(context ?? {}).map(([key, value]) => {
    if (key === 'kms:ViaService') return ` via ${value.split('.')[0]}`;
    if (key === 's3:prefix') return ` listing ${value}`;
    return ` with ${key}=${value}`;
  }).join('');
}
