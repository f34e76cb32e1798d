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
    .toThrow('lines[0].quantity: number 12345678901234567890 cannot be represented exactly');
});

test('a binary attribute is refused, naming the attribute', () => {
  expect(() => imageToRecord({ avatar: { B: 'aGVsbG8=' } })).toThrow('avatar: unsupported attribute type B');
});
