import { marshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from 'aws-lambda';
import { plainValueOf } from '../../../lambda/orders-cdc-forwarder/attribute-values';
import { readImage } from '../../../lambda/orders-cdc-forwarder/image-reader';
import { columnNames, conformRecord, ORDER } from '../../../lib/contracts';
import { orderItem } from '../../../local/order-stream-records';

type Image = Record<string, AttributeValue>;

/** An image as a map attribute, read as plainly as it can be. */
const plainImage = (image: Image) => plainValueOf({ M: image } as AttributeValue);

describe('an attribute value reads as the plain value it holds', () => {
  test('an image reads back as the item the SDK marshalled', () => {
    const item = { ...orderItem(), flag: true, nothing: null, tags: new Set(['a', 'b']), sizes: new Set([1, 2.5]) };
    expect(plainImage(marshall(item) as Image)).toEqual({ ...item, tags: ['a', 'b'], sizes: [1, 2.5] });
  });

  test('numbers keep their value, to the cent', () => {
    expect(plainImage({ price: { N: '1234567890.12' }, tiny: { N: '0.000001' }, big: { N: '1e20' } }))
      .toEqual({ price: 1234567890.12, tiny: 0.000001, big: 1e20 });
  });

  test('a number a double cannot carry exactly is refused, naming the attribute', () => {
    expect(() => plainImage({ lines: { L: [{ M: { quantity: { N: '12345678901234567890' } } }] } }))
      .toThrow('lines[0].quantity: number 12345678901234567890 has 19 significant digits; a change record carries 15 exactly');
  });

  test('numbers are read by value: trailing zeros and exponents do not count as digits', () => {
    expect(plainImage({ price: { N: '10.50000000000000000000' }, big: { N: '1000000000000000000000' }, tiny: { N: '0.00000000000000000000012' } }))
      .toEqual({ price: 10.5, big: 1e21, tiny: 1.2e-22 });
  });

  test.each(['1.', '.5', '-0.50', '007', '-12.0'])('number text %p, plain or not, reads as its value', (text) => {
    expect(plainValueOf({ N: text })).toBe(Number(text));
  });

  test.each(['', '-', '1.2.3', ' 1', '0x10', 'Infinity'])('text %p is not a number, and is refused', (text) => {
    expect(() => plainValueOf({ N: text })).toThrow(`${JSON.stringify(text)} is not a number`);
  });

  test('a 38-digit number, as DynamoDB allows, is refused with its count of digits', () => {
    expect(() => plainImage({ total: { N: '12345678901234567890123456789012345678' } })).toThrow('has 38 significant digits');
  });

  test.each([['binary set', { BS: ['aGVsbG8='] }], ['empty attribute value', {}]])('a %s is refused, naming the attribute', (_, attribute) => {
    expect(() => plainImage({ odd: attribute as AttributeValue })).toThrow(/^odd: unsupported attribute type/);
  });

  test('a binary attribute is refused, naming the attribute', () => {
    expect(() => plainImage({ avatar: { B: 'aGVsbG8=' } })).toThrow('avatar: unsupported attribute type B');
  });
});

describe('an image is read against its contract in one walk', () => {
  const [line] = orderItem().lines as Array<Record<string, unknown>>;
  const images: ReadonlyArray<readonly [string, Image]> = [
    ['a valid order', marshall(orderItem()) as Image],
    ['keys, an e-mail, a timestamp and a price to normalize', marshall(orderItem({
      order_id: ' ORD-1\t', customer_email: '\uFEFFJane@Example.COM ', created_at: '2026-11-20T10:15:00+01:00',
      lines: [{ ...line, sku: 'CAFE\u0301' }],
    })) as Image],
    ['values of the wrong type', { ...marshall(orderItem()), status: { N: '1' }, created_at: { S: 'yesterday' } } as Image],
    ['order lines written as a number set', { ...marshall(orderItem()), lines: { NS: ['1', '2'] } } as Image],
    ['a NULL customer and a NULL order line', { ...marshall(orderItem()), customer_id: { NULL: true }, lines: { L: [{ NULL: true }] } } as Image],
    ['a missing column and an unknown one', (() => {
      const { region: _region, ...image } = marshall(orderItem({ coupon: 'XMAS' })) as Image;
      return image;
    })()],
    ['an order line of the wrong shape', { ...marshall(orderItem()), lines: { L: [{ M: { sku: { S: 'S' }, quantity: { S: 'two' } } }, { S: 'x' }] } } as Image],
    ['a foreign item', { pk: { S: 'CONFIG#1' }, value: { S: 'x' } }],
  ];

  test.each(images)('%s: the reasons conformRecord gives for the record the image holds, and its columns as conformed', (_, image) => {
    const record = plainImage(image) as Record<string, unknown>;
    const { reasons } = conformRecord(ORDER, record);
    const columns = Object.fromEntries(Object.entries(record).filter(([name]) => columnNames(ORDER).includes(name)));
    expect(readImage(ORDER, image)).toEqual({ record: columns, reasons });
  });

  test('the image itself is left as it is', () => {
    const image = marshall(orderItem({ order_id: ' ORD-1 ' })) as Image;
    const copy = structuredClone(image);
    readImage(ORDER, image);
    expect(image).toEqual(copy);
  });

  test('an attribute that cannot be read refuses the image, named by its path, known to the contract or not', () => {
    const image = marshall(orderItem()) as Image;
    expect(() => readImage(ORDER, { ...image, receipt: { B: 'JVBERi0=' } })).toThrow('receipt: unsupported attribute type B');
    const lines = { L: [{ M: { sku: { S: 'S' }, quantity: { N: '1' }, unit_price: { N: '1'.repeat(20) } } }] };
    expect(() => readImage(ORDER, { ...image, lines } as Image)).toThrow('lines[0].unit_price: number 11111111111111111111 has 20 significant digits');
  });
});

describe('a number attribute reads as its value, or is refused as not a number', () => {
  // Short numbers take a fast path (a loop over the characters); these texts sit at its edges, where it must agree with
  // the full reading of the number.
  test.each([
    ['0', 0], ['-12.5', -12.5], ['0.50', 0.5], ['5.', 5], ['.5', 0.5], ['-.5', -0.5], ['123456789012345', 123456789012345], ['1e3', 1000],
  ])('%s is %d', (text, value) => {
    expect(plainValueOf({ N: text })).toBe(value);
  });

  test.each(['', '-', '.', 'abc', '12a', '1.2.3', '1-2', '--1', '/', ':', '١٢'])('%j is not a number', (text) => {
    expect(() => plainValueOf({ N: text })).toThrow(`${JSON.stringify(text)} is not a number`);
  });

  test('an attribute that names no type, or is not an object, is refused as such', () => {
    expect(() => plainValueOf({} as AttributeValue)).toThrow(/^unsupported attribute type \(none\)$/);
    expect(() => plainValueOf(null as unknown as AttributeValue)).toThrow(/^unsupported attribute type \(none\)$/);
    expect(() => plainValueOf('text' as unknown as AttributeValue)).toThrow(/^unsupported attribute type \(none\)$/);
    expect(() => plainValueOf({ B: 'JVBERi0=' } as AttributeValue)).toThrow(/^unsupported attribute type B$/);
  });
});
