import { Stack, Token } from 'aws-cdk-lib';
import { RUN_DATE_STAND_IN, runDateStatementTemplate } from '../../lib/constructs/orchestration/batch-pipeline-state-machine/run-date-statement';

describe('a load statement as a States.Format template', () => {
  test('has one slot per run-date placeholder', () => {
    expect(runDateStatementTemplate(`DELETE FROM t WHERE d = '${RUN_DATE_STAND_IN}' OR p = '${RUN_DATE_STAND_IN}'`))
      .toEqual({ template: "DELETE FROM t WHERE d = '{}' OR p = '{}'", slots: 2 });
  });

  test('escapes literal braces so they are not taken for slots', () => {
    expect(runDateStatementTemplate(`SELECT json_extract_path_text('{"a": 1}', 'a'), '${RUN_DATE_STAND_IN}'`))
      .toEqual({ template: "SELECT json_extract_path_text('\\{\"a\": 1\\}', 'a'), '{}'", slots: 1 });
  });

  test('leaves a statement without placeholder as it is, with no slot', () => {
    expect(runDateStatementTemplate('ANALYZE reporting.orders')).toEqual({ template: 'ANALYZE reporting.orders', slots: 0 });
  });

  test('refuses an empty placeholder', () => {
    expect(() => runDateStatementTemplate('SELECT 1', '')).toThrow(/must not be empty/);
  });
});

test('keeps values CDK fills in at deployment whole, so they are still filled in', () => {
  const bucket = Token.asString({ Ref: 'CuratedBucket' });
  const { template } = runDateStatementTemplate(`COPY t FROM 's3://${bucket}/orders/order_date=${RUN_DATE_STAND_IN}/'`);
  expect(new Stack().resolve(template)).toEqual({ 'Fn::Join': ['', ["COPY t FROM 's3://", { Ref: 'CuratedBucket' }, "/orders/order_date={}/'"]] });
});
