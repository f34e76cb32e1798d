import { CfnResource } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/** The resource metadata key of cfn-guard's suppression convention: `Metadata.guard.SuppressedRules`. */
export const GUARD_METADATA_KEY = 'guard';

/** What `waiveControl` writes into a resource's metadata. */
export interface GuardWaivers {
  /** cfn-guard rule names waived for this resource, as the suppression convention lists them. */
  readonly SuppressedRules: string[];
  /** Why each rule is waived, by rule name. */
  readonly Reasons: Record<string, string>;
}

/**
 * Waives one AWS Control Tower proactive control (a rule of the cfn-guard pack, by its rule name, e.g.
 * `sqs_dlq_check`) for one resource, with the reason beside it. The Control Tower rules do not read the metadata
 * themselves; the compliance test does, so a waiver covers exactly this rule on exactly this resource.
 * @param construct the CloudFormation resource, or an L2 construct whose default child it is
 */
export function waiveControl(construct: IConstruct, rule: string, reason: string): void {
  const resource = CfnResource.isCfnResource(construct) ? construct : construct.node.defaultChild;
  if (!resource || !CfnResource.isCfnResource(resource)) {
    throw new Error(`${construct.node.path}: a Control Tower waiver names one CloudFormation resource`);
  }
  const waivers: GuardWaivers = resource.getMetadata(GUARD_METADATA_KEY) ?? { SuppressedRules: [], Reasons: {} };
  resource.addMetadata(GUARD_METADATA_KEY, {
    SuppressedRules: [...new Set([...waivers.SuppressedRules, rule])],
    Reasons: { ...waivers.Reasons, [rule]: reason },
  } satisfies GuardWaivers);
}
