import { marshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from 'aws-lambda';
import { plainValueOf } from '../../../lambda/orders-cdc-forwarder/attribute-values';
import { imageReaderOf, imageReaderSource, readImage } from '../../../lambda/orders-cdc-forwarder/image-reader';
import { conformRecord, type Dataset, ORDER } from '../../../lib/contracts';
import { column, EVERY_KIND } from '../../support/every-kind-contract';

type Image = Record<string, AttributeValue>;

const VALID = {
  id: ' K-1\t', email: ' Jane@Example.COM', digest: 'a'.repeat(64), state: 'ON', count: 2, total: 2 ** 40, ratio: 0.5,
  flag: false, day: '2026-02-28', at: '2026-11-20T10:15:00+01:00', price: 10.5, wide: 12.25, note: 'n', tags: ['a'],
  amounts: [1.5, 0], grid: [[1, 2], []], lines: [{ sku: 'S-1 ', qty: 1 }, { sku: 'S-2', qty: 3 }],
  address: { city: 'Lyon', zip: null, since: '2020-01-01T00:00:00Z' },
};
const valid = (): Image => marshall(VALID) as Image;
const replaced = (changes: Record<string, unknown>): Image => ({ ...valid(), ...changes } as Image);

/** What conformRecord says of the record an image holds, and the record's columns as it conforms them. */
function asConformRecordReadsIt(dataset: Dataset, image: Image) {
  const record = plainValueOf({ M: image } as AttributeValue) as Record<string, unknown>;
  const { reasons } = conformRecord(dataset, record);
  const names = [...dataset.columns, ...(dataset.partitionKeys ?? [])].map((c) => c.name);
  return { record: Object.fromEntries(Object.entries(record).filter(([name]) => names.includes(name))), reasons };
}

describe('the reader generated from a contract reads an image as conformRecord reads the record it holds', () => {
  const cases: ReadonlyArray<readonly [string, Image]> = [
    ['a valid image of every column kind, normalized', valid()],
    ['every scalar of the wrong attribute type', replaced({
      id: { N: '1' }, email: { N: '1' }, digest: { BOOL: true }, state: { N: '1' }, count: { S: '2' }, total: { S: '2' }, ratio: { S: 'x' },
      flag: { S: 'true' }, day: { N: '1' }, at: { N: '1' }, price: { S: '10.5' }, wide: { S: '1' }, note: { N: '1' },
    })],
    ['every scalar of the right type with an invalid value', replaced({
      email: { S: 'not an address' }, digest: { S: 'A'.repeat(64) }, state: { S: 'MAYBE' }, count: { N: '0' }, total: { N: '1.5' },
      day: { S: '2026-02-30' }, at: { S: '2026-11-20T99:00:00Z' }, price: { N: '10.555' }, wide: { N: '1.00000000001' },
      id: { S: '\uD800' },
    })],
    ['numbers out of their range', replaced({ count: { N: '2147483648' }, price: { N: '10000000000' }, total: { N: '1e16' } })],
    ['NULL in every kind of column, and as an element', replaced({
      id: { NULL: true }, note: { NULL: true }, count: { NULL: true }, tags: { L: [{ NULL: true }] }, grid: { NULL: true },
      lines: { L: [{ NULL: true }] }, address: { NULL: true },
    })],
    ['missing columns: required, nullable, a partition key', (() => {
      const { id: _id, note: _note, ...image } = valid();
      return image;
    })()],
    ['an array of structs with invalid members, at their index', replaced({
      lines: { L: [{ M: { sku: { S: 'S' }, qty: { N: '1' } } }, { M: { sku: { N: '1' }, qty: { N: '0' } } }, { S: 'x' }, { M: {} }] },
    })],
    ['nested arrays of the wrong shapes', replaced({ grid: { L: [{ L: [{ N: '1' }, { S: '2' }] }, { NS: ['1'] }, { N: '3' }] }, tags: { SS: ['a', 'b'] } })],
    ['containers of the wrong type', replaced({ lines: { NS: ['1', '2'] }, address: { S: 'Lyon' }, tags: { S: 'a' } })],
    ['a foreign item', { pk: { S: 'CONFIG#1' }, value: { S: 'x' } }],
  ];

  test.each(cases)('%s', (_, image) => {
    expect(readImage(EVERY_KIND, image)).toEqual(asConformRecordReadsIt(EVERY_KIND, image));
  });

  test('the record has the columns in contract order, normalized', () => {
    const { record, reasons } = readImage(EVERY_KIND, valid());
    expect(reasons).toEqual([]);
    expect(Object.keys(record)).toEqual([...EVERY_KIND.columns, ...EVERY_KIND.partitionKeys!].map((c) => c.name));
    expect(record).toMatchObject({ id: 'K-1', email: 'jane@example.com', at: '2026-11-20T09:15:00.000Z', lines: [{ sku: 'S-1', qty: 1 }, { sku: 'S-2', qty: 3 }] });
  });

  test('reasons name the element of a nested array of structs by its path', () => {
    const image = replaced({ lines: { L: [{ M: { sku: { S: 'S' }, qty: { N: '1' } } }, { M: { sku: { S: 'S' }, qty: { N: '0' } } }] } });
    expect(readImage(EVERY_KIND, image).reasons).toEqual(['lines[1].qty: 0 is less than 1']);
  });

  test('unknown attributes come first among the reasons of their level, as conformRecord lists them, and stay out of the record', () => {
    const image = replaced({
      coupon: { S: 'X' }, state: { S: 'MAYBE' }, address: { M: { city: { N: '1' }, floor: { N: '3' } } },
      lines: { L: [{ M: { sku: { S: 'S' }, qty: { N: '1' }, gift: { BOOL: true } } }] },
    });
    const { record, reasons } = readImage(EVERY_KIND, image);
    expect(reasons).toEqual(asConformRecordReadsIt(EVERY_KIND, image).reasons);
    expect(reasons).toEqual([
      'coupon: unknown field', 'state: "MAYBE" is not one of ON, OFF', 'lines[0].gift: unknown field',
      'address.floor: unknown field', 'address.city: expected a string of well-formed Unicode, got number 1',
    ]);
    expect(record).not.toHaveProperty('coupon');
    expect(record).toMatchObject({ address: { city: 1, zip: undefined }, lines: [{ sku: 'S', qty: 1 }] });
    expect(record.address).not.toHaveProperty('floor');
    expect((record.lines as object[])[0]).not.toHaveProperty('gift');
  });

  test('a NULL is read as null: no reason in a nullable column, "must not be null" elsewhere', () => {
    const { record, reasons } = readImage(EVERY_KIND, replaced({ note: { NULL: true }, state: { NULL: true } }));
    expect(record.note).toBeNull();
    expect(reasons).toEqual(['state: must not be null']);
  });

  test('an attribute no record can carry refuses the image, named by its path inside nested arrays', () => {
    expect(() => readImage(EVERY_KIND, replaced({ grid: { L: [{ L: [{ N: '1' }, { B: 'AA==' }] }] } }))).toThrow('grid[0][1]: unsupported attribute type B');
    expect(() => readImage(EVERY_KIND, replaced({ lines: { L: [{ M: { sku: { S: 'S' }, qty: { N: '1'.repeat(20) } } }] } })))
      .toThrow('lines[0].qty: number 11111111111111111111 has 20 significant digits');
  });

  test('a personal-data value never appears in a reason', () => {
    expect(readImage(EVERY_KIND, replaced({ email: { S: 'jane.doe' } })).reasons).toEqual(['email: expected an e-mail address, got a string of 8 characters (personal data, not shown)']);
  });
});

describe('the generated code', () => {
  test('is compiled once per contract', () => {
    expect(imageReaderOf(ORDER)).toBe(imageReaderOf(ORDER));
  });

  test('spells column names only inside string literals written by JSON.stringify; its identifiers are its own', () => {
    const source = imageReaderSource(EVERY_KIND);
    const names = [...EVERY_KIND.columns, ...EVERY_KIND.partitionKeys!].map((c) => c.name);
    for (const name of names) expect(source).toContain(`map[${JSON.stringify(name)}]`);
    const code = source.replace(/"(?:[^"\\\n]|\\.)*"/g, '""').replace(/\/\/.*$/gm, '');
    const identifiers = new Set(code.match(/[A-Za-z_$][\w$]*/g));
    const own = /^(?:[kv]\d+|fields\d+|array\d+)$/;
    const vocabulary = new Set([
      'use', 'strict', 'const', 'let', 'function', 'return', 'if', 'else', 'try', 'catch', 'throw', 'for', 'typeof', 'undefined', 'null', 'true',
      'object', 'string', 'boolean', 'runtime', 'constants', 'normalizeText', 'conformTimestamp', 'toNumber', 'plainValueOf', 'refusedWithin',
      'conform', 'conformElement', 'unknownFields', 'map', 'parent', 'reasons', 'at', 'present', 'attribute', 'member', 'plain', 'declared',
      'members', 'list', 'values', 'element', 'path', 'i', 'error', 'record', 'image', 'readImage', 'push', 'length', 'has', 'isWellFormed',
      'Object', 'keys', 'Array', 'isArray', 'Number', 'isInteger', 'isSafeInteger', 'isFinite', 'Math', 'abs', 'round', 'M', 'L', 'S', 'N', 'BOOL',
    ]);
    expect([...identifiers].filter((id) => !own.test(id) && !vocabulary.has(id))).toEqual([]);
  });

  test.each(['order-id', 'a"b', '__proto__', 'Status', 'x\n'])('refuses a column name that is not snake_case: %p', (name) => {
    const dataset: Dataset = { ...EVERY_KIND, name: 'odd', columns: [column(name, 'string')], partitionKeys: [] };
    expect(() => imageReaderOf(dataset)).toThrow('is not snake_case: no reader is generated for it');
  });

  test('ORDER\'s reader, as generated (kept to be read and reviewed)', () => {
    expect(imageReaderSource(ORDER)).toMatchSnapshot();
  });
});
