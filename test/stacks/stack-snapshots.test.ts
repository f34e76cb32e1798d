import { Template } from 'aws-cdk-lib/assertions';
import { stageAssembly } from '../support/stage-assembly';

/**
 * Change detectors: a pull request that changes a template shows the change here, for review.
 * They assert nothing on their own; the fine-grained tests beside them do.
 */
describe.each(['dev', 'prod'] as const)('%s templates', (stage) => {
  const synthesized = stageAssembly(stage);

  test.each(synthesized.stackKeys)('%s stack matches the reviewed snapshot', (stackKey) => {
    expect(Template.fromJSON(synthesized.stack(stackKey).template).toJSON()).toMatchSnapshot();
  });
});
