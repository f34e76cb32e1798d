import { Template } from 'aws-cdk-lib/assertions';
import type { Stack } from 'aws-cdk-lib';
import { ACCOUNT, REGION } from './stand-in-pipeline';

/** Amazon States Language as JSON. */
export type StateMachineDefinition = { StartAt: string; States: Record<string, Record<string, unknown>> } & Record<string, unknown>;

const PSEUDO_PARAMETERS: Record<string, string> = {
  'AWS::Partition': 'aws',
  'AWS::Region': REGION,
  'AWS::AccountId': ACCOUNT,
  'AWS::URLSuffix': 'amazonaws.com',
};

/** Turns the CloudFormation functions a definition or an ARN is built from into text; other resources become placeholders. */
export function resolveToText(value: unknown): string {
  if (typeof value === 'string') return value;
  const fn = value as Record<string, unknown>;
  if (typeof fn.Ref === 'string') return PSEUDO_PARAMETERS[fn.Ref] ?? `placeholder-${fn.Ref}`;
  if (Array.isArray(fn['Fn::GetAtt'])) return `placeholder-${(fn['Fn::GetAtt'] as string[]).join('-')}`;
  if (fn['Fn::GetStackOutput']) return `placeholder-${(fn['Fn::GetStackOutput'] as { OutputName: string }).OutputName}`;
  if (Array.isArray(fn['Fn::Join'])) {
    const [separator, parts] = fn['Fn::Join'] as [string, unknown[]];
    return parts.map(resolveToText).join(separator);
  }
  throw new Error(`Cannot resolve ${JSON.stringify(value)} to text`);
}

/** The synthesized definition of the only state machine in `stack`, with every token resolved. */
export function definitionOf(stack: Stack): StateMachineDefinition {
  return definitionIn(Template.fromStack(stack));
}

/** The definition of the one state machine of a synthesized template. */
export function definitionIn(template: Template): StateMachineDefinition {
  const machines = Object.values(template.findResources('AWS::StepFunctions::StateMachine'));
  if (machines.length !== 1) throw new Error(`Expected one state machine, found ${machines.length}`);
  return JSON.parse(resolveToText(machines[0].Properties.DefinitionString));
}

/** Every state of a definition, those inside Map and Parallel states included, by name. */
export function allStates(definition: { States: Record<string, Record<string, unknown>> }): Record<string, Record<string, unknown>> {
  const states: Record<string, Record<string, unknown>> = {};
  for (const [name, state] of Object.entries(definition.States)) {
    states[name] = state;
    const nested = [state.ItemProcessor, state.Iterator, ...((state.Branches as unknown[]) ?? [])]
      .filter((d): d is { States: Record<string, Record<string, unknown>> } => !!d);
    for (const inner of nested) Object.assign(states, allStates(inner));
  }
  return states;
}

export interface PolicyStatementJson {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
  readonly Condition?: unknown;
}

/** Statements of every IAM policy attached to the role with logical id `roleLogicalId`, resources resolved to text. */
export function statementsOfRole(template: Template, roleLogicalId: string): { actions: string[]; resources: string[] }[] {
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((policy) => (policy.Properties.Roles as unknown[]).some((role) => (role as { Ref?: string }).Ref === roleLogicalId))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as PolicyStatementJson[])
    .map((statement) => ({
      actions: ([] as string[]).concat(statement.Action),
      resources: ([] as unknown[]).concat(statement.Resource).map(resolveToText),
    }));
}
