import { synthesizePipeline } from '../support/pipeline-app';

/**
 * Change detectors: a pull request that changes a template shows the change here, for review.
 * They assert nothing on their own; the fine-grained tests beside them do.
 */
describe.each(['dev', 'prod'])('%s templates', (stage) => {
  const pipeline = synthesizePipeline(stage);

  test.each(Object.keys(pipeline.stacks))('%s stack matches the reviewed snapshot', (stackId) => {
    expect(pipeline.template(stackId as keyof typeof pipeline.stacks).toJSON()).toMatchSnapshot();
  });
});
