import { stageNames } from '../../../lib/constructs/private/stage-names';

describe('stageNames', () => {
  const names = stageNames('eu-dev');

  test('stacks and the resources named after them start with ecommerce-<stage>', () => {
    expect(names.prefix).toBe('ecommerce-eu-dev');
    expect(names.named('order-changes')).toBe('ecommerce-eu-dev-order-changes');
  });

  test('Glue names start with the same prefix written with underscores, which Athena reads unquoted', () => {
    expect(names.gluePrefix).toBe('ecommerce_eu_dev');
  });
});
