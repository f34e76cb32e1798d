import { marshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from 'aws-lambda';
import { imageToRecord } from '../../../lambda/orders-cdc-forwarder/attribute-values';
import { orderItem } from '../../../lib/local/order-stream-records';

test('an image reads back as the item the SDK marshalled', () => {
  const item = { ...orderItem(), flag: true, nothing: null, tags: new Set(['a', 'b']), sizes: new Set([1, 2.5]) };
  expect(imageToRecord(marshall(item) as Record<string, AttributeValue>)).toEqual({ ...item, tags: ['a', 'b'], sizes: [1, 2.5] });
});

test('numbers keep their value, to the cent', () => {
  expect(imageToRecord({ price: { N: '1234567890.12' }, tiny: { N: '0.000001' }, big: { N: '1e20' } }))
    .toEqual({ price: 1234567890.12, tiny: 0.000001, big: 1e20 });
});

test('a number a double cannot carry exactly is refused, naming the attribute', () => {
  expect(() => imageToRecord({ lines: { L: [{ M: { quantity: { N: '12345678901234567890' } } }] } }))
    .toThrow('lines[0].quantity: number 12345678901234567890 has 19 significant digits; a change record carries 15 exactly');
});

test('numbers are read by value: trailing zeros and exponents do not count as digits', () => {
  expect(imageToRecord({ price: { N: '10.50000000000000000000' }, big: { N: '1000000000000000000000' }, tiny: { N: '0.00000000000000000000012' } }))
    .toEqual({ price: 10.5, big: 1e21, tiny: 1.2e-22 });
});

test('a 38-digit number, as DynamoDB allows, is refused with its count of digits', () => {
  expect(() => imageToRecord({ total: { N: '12345678901234567890123456789012345678' } })).toThrow('has 38 significant digits');
});

test.each([['binary set', { BS: ['aGVsbG8='] }], ['empty attribute value', {}]])('a %s is refused, naming the attribute', (_, attribute) => {
  expect(() => imageToRecord({ odd: attribute as AttributeValue })).toThrow(/^odd: unsupported attribute type/);
});

test('a binary attribute is refused, naming the attribute', () => {
  expect(() => imageToRecord({ avatar: { B: 'aGVsbG8=' } })).toThrow('avatar: unsupported attribute type B');
});
