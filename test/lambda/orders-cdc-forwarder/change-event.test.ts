import { toChangeEvent } from '../../../lambda/orders-cdc-forwarder/change-event';
import { changeOf } from '../../../local/order-stream-records';

/**
 * DynamoDB Streams dates a change in whole epoch seconds; the forwarder accepts 2014-11-01T00:00:00Z (DynamoDB Streams'
 * launch) up to, not including, 2100-01-01T00:00:00Z. The bounds are written as GNU `date -u -d ... +%s` prints them.
 */
const FIRST_SECOND = 1_414_800_000;
const END_SECOND = 4_102_444_800;

const changeAt = (seconds: number) => {
  const record = changeOf('INSERT');
  record.dynamodb!.ApproximateCreationDateTime = seconds;
  return toChangeEvent(record, 'change-event-test-key');
};

test.each([
  ['the first second of 2014-11-01', FIRST_SECOND, true],
  ['the second before it', FIRST_SECOND - 1, false],
  ['the last second of 2099', END_SECOND - 1, true],
  ['the first second of 2100', END_SECOND, false],
])('an event time at %s (%d) is accepted: %s', (_when, seconds, accepted) => {
  const result = changeAt(seconds);
  expect(result.ok).toBe(accepted);
  if (!result.ok) expect(result.reason).toBe(`dynamodb.ApproximateCreationDateTime: expected whole epoch seconds between 2014 and 2100, got ${seconds}`);
});

test.each([
  ['the first millisecond of 2014-11-01', FIRST_SECOND * 1000, true],
  ['the millisecond before it', FIRST_SECOND * 1000 - 1, false],
  ['the last millisecond of 2099', END_SECOND * 1000 - 1, true],
  ['the first millisecond of 2100', END_SECOND * 1000, false],
])('an event time in milliseconds at %s (%d) is refused, hinting "(milliseconds?)": %s', (_when, milliseconds, hinted) => {
  const result = changeAt(milliseconds);
  expect(result).toEqual({
    ok: false,
    reason: `dynamodb.ApproximateCreationDateTime: expected whole epoch seconds between 2014 and 2100, got ${milliseconds}${hinted ? ' (milliseconds?)' : ''}`,
  });
});
