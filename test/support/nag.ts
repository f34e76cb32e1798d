import type { IConstruct } from 'constructs';
import { AwsSolutionsChecks } from 'cdk-nag';

/** One unacknowledged cdk-nag finding, as `<rule> at <construct path>`. */
export type NagFinding = string;

/** Runs the AwsSolutions pack over `scope` as `cdk synth` does and lists what is not acknowledged. */
export function nagFindings(scope: IConstruct): NagFinding[] {
  const report = new AwsSolutionsChecks(undefined, { verbose: false }).validateScope(scope);
  return report.violations.flatMap((violation) =>
    violation.violatingResources.map((resource) => `${violation.ruleName} at ${resource.constructPath ?? resource.resourceLogicalId}`),
  );
}
