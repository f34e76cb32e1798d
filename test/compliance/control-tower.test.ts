import { App, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { waiveControl } from '../../lib/constructs/private/control-tower-waiver';
import {
  type ControlFailure, controlFailures, controlTowerRules, type ControlWaiver, controlWaivers, unwaived,
} from '../support/control-tower';
import { stageAssembly } from '../support/stage-assembly';

interface Evaluation {
  readonly failures: ControlFailure[];
  readonly waivers: ControlWaiver[];
}

/** Starts cfn-guard on a stage's templates, so the next stage is read while cfn-guard runs. */
function evaluate(stage: 'dev' | 'prod'): Promise<Evaluation> {
  const templates = stageAssembly(stage).assembly.stacks.map((stack) => stack.templateFullPath);
  const evaluation = controlFailures(templates).then((failures) => ({ failures, waivers: controlWaivers(templates) }));
  evaluation.catch(() => undefined); // awaited by the stage's tests; this only keeps an early failure from going unhandled
  return evaluation;
}

const STAGES = ['dev', 'prod'] as const;
const evaluations = Object.fromEntries(STAGES.map((stage) => [stage, evaluate(stage)])) as Record<(typeof STAGES)[number], Promise<Evaluation>>;
const RULE_NAMES = new Set(controlTowerRules().map((rule) => rule.name));
/** As cdk-nag asks of an acknowledgement: a reason, not a word. */
const MIN_REASON_LENGTH = 10;

describe.each(STAGES)('AWS Control Tower proactive controls over the %s app', (stage) => {
  let evaluation: Evaluation;
  beforeAll(async () => {
    evaluation = await evaluations[stage];
  });

  test('no resource fails a control unless a waiver of that rule on that resource says why', () => {
    expect(unwaived(evaluation.failures, evaluation.waivers)).toEqual([]);
  });

  test('every waiver names a control of the pack', () => {
    expect(evaluation.waivers.filter((waiver) => !RULE_NAMES.has(waiver.rule))).toEqual([]);
  });

  test('every waiver gives its reason', () => {
    expect(evaluation.waivers.filter((waiver) => (waiver.reason?.trim().length ?? 0) < MIN_REASON_LENGTH)).toEqual([]);
  });

  test('every waiver is needed: its resource fails the rule it waives', () => {
    const failures = new Set(evaluation.failures);
    expect(evaluation.waivers.filter((waiver) => !failures.has(`${waiver.rule} at ${waiver.resource}`))).toEqual([]);
  });
});

describe('the control check itself', () => {
  const RULE = 's3_event_notifications_enabled_check';
  const app = new App();
  const stack = new Stack(app, 'Careless');
  const plain = new s3.Bucket(stack, 'Plain');
  const waived = new s3.Bucket(stack, 'Waived');
  waiveControl(waived, RULE, 'A test bucket that shows a waiver at work.');
  const at = (bucket: s3.Bucket) => `Careless/${stack.getLogicalId(bucket.node.defaultChild as s3.CfnBucket)}`;
  let remaining: ControlFailure[];
  beforeAll(async () => {
    const templates = [app.synth().getStackByName(stack.stackName).templateFullPath];
    remaining = unwaived(await controlFailures(templates), controlWaivers(templates));
  });

  test('reports a resource that fails a control', () => {
    expect(remaining).toContain(`${RULE} at ${at(plain)}`);
  });

  test('a waiver lifts that rule on that resource only', () => {
    expect(remaining).not.toContain(`${RULE} at ${at(waived)}`);
    expect(remaining).toContain(`s3_bucket_object_lock_enabled_check at ${at(waived)}`);
  });
});
