import { conformRecord, type Dataset, ORDER_CHANGE } from '../../lib/contracts';
import { recordCheckerOf, recordCheckerSource } from '../../lib/contracts/record-checker';
import { orderChange } from '../../local/order-stream-records';
import { column, EVERY_KIND } from '../support/every-kind-contract';

/** A valid record already in its declared form: nothing to normalize. */
const NORMAL = {
  id: 'K-1', email: 'jane@example.com', digest: 'a'.repeat(64), state: 'ON', count: 2, total: 2 ** 40, ratio: 0.5, flag: false,
  day: '2026-02-28', at: '2026-11-20T09:15:00.000Z', price: 10.5, wide: 12.25, note: 'n', tags: ['a'], amounts: [1.5, 0],
  grid: [[1, 2], []], lines: [{ sku: 'S-1', qty: 1 }, { sku: 'S-2', qty: 3 }], address: { city: 'Lyon', zip: null, since: '2020-01-01T00:00:00.000Z' },
};
const record = (changes: Record<string, unknown> = {}): Record<string, unknown> => ({ ...structuredClone(NORMAL), ...structuredClone(changes) });
const without = (...names: string[]) => Object.fromEntries(Object.entries(record()).filter(([name]) => !names.includes(name)));

const cases: ReadonlyArray<readonly [string, unknown]> = [
  ['a valid record of every column kind, already in its declared form', record()],
  ['keys and e-mails to normalize, at the top and inside an array of structs', record({
    id: ' K-1\t', email: '\uFEFF Jane@Example.COM', lines: [{ sku: 'S-1 ', qty: 1 }, { sku: 'CAFE\u0301', qty: 3 }],
  })],
  ['non-canonical timestamps: an offset, no zone and microseconds inside a struct', record({
    at: '2026-11-20T10:15:00+01:00', address: { city: 'Lyon', zip: null, since: '2020-01-01 00:00:00.123456' },
  })],
  ['timestamps that are no instant: nine fractional digits, hour 99', record({ at: '2026-11-20T10:15:00.123456789Z', address: { city: 'Lyon', since: '2026-11-20T99:00:00Z' } })],
  ['decimals given as text, at the top and as elements', record({ price: '10.50000000000000000000', wide: '12.2500', amounts: ['1.50', 2, '0'] })],
  ['every scalar of the wrong JSON type', record({
    id: 1, email: 1, digest: true, state: 1, count: '2', total: '2', ratio: 'x', flag: 'true', day: 1, at: 1, price: {}, wide: [], note: 1,
  })],
  ['every scalar of the right type with an invalid value', record({
    id: '\uD800', email: 'not an address', digest: 'A'.repeat(64), state: 'MAYBE', count: 0, total: 1.5, ratio: Infinity,
    day: '2026-02-30', at: '2026-11-20T99:00:00Z', price: 10.555, wide: '1.00000000001',
  })],
  ['numbers out of their range, and decimals as text that do not fit', record({
    count: 2 ** 31, total: 2 ** 60, price: 1e10, amounts: ['10.555', '-1e3', 'ten'], wide: '1'.repeat(29),
  })],
  ['a personal-data value that is invalid', record({ email: ' Jane.Doe ' })],
  ['strings at and over the warehouse\'s 256 UTF-8 bytes, short in characters', record({ id: '\u00e9'.repeat(128), note: '\u20ac'.repeat(86), tags: ['x'.repeat(257)] })],
  ['null in every kind of column, and as an element', record({
    id: null, note: null, count: null, price: null, at: null, tags: [null], amounts: [1, null], grid: null, lines: [null], address: null,
  })],
  ['missing columns: required, nullable, a partition key', without('id', 'note', 'lines')],
  ['a partition key present', record({ day_key: '2026-11-20' })],
  ['a partition key of the wrong type', record({ day_key: 20261120 })],
  ['an array of structs with invalid members, at their index', record({ lines: [{ sku: 'S', qty: 1 }, { sku: 1, qty: 0 }, 'x', {}, []] })],
  ['nested arrays of the wrong shapes', record({ grid: [[1, '2'], { 0: 1 }, 3, [[1]]], tags: 'a' })],
  ['containers of the wrong type', record({ lines: { sku: 'S' }, address: 'Lyon', tags: { 0: 'a' }, amounts: 1 })],
  ['unknown keys at every level, with invalid values next to them', record({
    coupon: 'X', state: 'MAYBE', address: { city: 1, floor: 3, zip: null }, lines: [{ sku: ' S ', qty: 1, gift: true }],
  })],
  ['only unknown keys', { pk: 'CONFIG#1', value: 'x' }],
  ['one unknown key alone, in a struct', record({ address: { floor: 3 } })],
  ['NaN, which JSON cannot carry but a caller can pass, at the top and as an element', record({ ratio: NaN, price: NaN, amounts: [NaN] })],
  ['an empty object', {}],
  ['null', null],
  ['an array', [record()]],
  ['a string', '{"id":"K-1"}'],
  ['a number', 42],
];

describe('the checker generated from a contract conforms a record as conformRecord does', () => {
  test.each(cases)('%s: the same reasons, the same changed flag, the same record afterwards', (_, value) => {
    const generated = structuredClone(value);
    const generic = structuredClone(value);

    expect(recordCheckerOf(EVERY_KIND)(generated)).toEqual(conformRecord(EVERY_KIND, generic));
    expect(generated).toEqual(generic);
    if (typeof generated === 'object' && generated !== null) expect(Object.keys(generated)).toEqual(Object.keys(generic as object));
  });

  test('a record in its declared form is valid and left unchanged', () => {
    const value = record();
    expect(recordCheckerOf(EVERY_KIND)(value)).toEqual({ reasons: [], changed: false });
    expect(value).toEqual(NORMAL);
  });

  test('keys, e-mails, timestamps and decimals given as text take their declared form in place, and the record says it changed', () => {
    const value = record({
      id: ' K-1\t', email: ' Jane@Example.COM', at: '2026-11-20T10:15:00+01:00', price: '10.50', amounts: ['1.50'],
      lines: [{ sku: 'S-1 ', qty: 1 }], address: { city: 'Lyon', zip: null, since: '2020-01-01 00:00:00.123456' },
    });
    expect(recordCheckerOf(EVERY_KIND)(value)).toEqual({ reasons: [], changed: true });
    expect(value).toMatchObject({
      id: 'K-1', email: 'jane@example.com', at: '2026-11-20T09:15:00.000Z', price: 10.5, amounts: [1.5],
      lines: [{ sku: 'S-1', qty: 1 }], address: { since: '2020-01-01T00:00:00.123456Z' },
    });
  });

  test('unknown keys come first among the reasons of their level, and personal data is never shown', () => {
    const value = record({ coupon: 'X', email: 'jane.doe', address: { city: 1, floor: 3, zip: null } });
    expect(recordCheckerOf(EVERY_KIND)(value).reasons).toEqual([
      'coupon: unknown field',
      'email: expected an e-mail address, got a string of 8 characters (personal data, not shown)',
      'address.floor: unknown field',
      'address.city: expected a string of well-formed Unicode, got number 1',
    ]);
  });

  test('a change record as the forwarder writes it is valid for ORDER_CHANGE, and one with a bad line is refused as conformRecord refuses it', () => {
    expect(recordCheckerOf(ORDER_CHANGE)(orderChange({}))).toEqual({ reasons: [], changed: false });
    const bad = { ...orderChange({}), lines: [{ sku: ' S ', quantity: 0, unit_price: '1.005' }] };
    const { reasons } = recordCheckerOf(ORDER_CHANGE)(structuredClone(bad));
    expect(reasons).toEqual(conformRecord(ORDER_CHANGE, structuredClone(bad)).reasons);
    expect(reasons).toEqual(['lines[0].quantity: 0 is less than 1', 'lines[0].unit_price: expected a decimal(12,2), got number 1.005']);
  });
});

describe('the generated checker', () => {
  test.each([[null, 'null'], [[], 'an array'], ['REMOVE', 'string "REMOVE"']])('of a contract with key-only rows refuses a record that is not an object (%p) as conformRecord does', (value, got) => {
    expect(recordCheckerOf(ORDER_CHANGE)(value)).toEqual({ reasons: [`record: expected an object, got ${got}`], changed: false });
  });

  test('is compiled once per contract', () => {
    expect(recordCheckerOf(ORDER_CHANGE)).toBe(recordCheckerOf(ORDER_CHANGE));
  });

  test('spells column names only inside string literals written by JSON.stringify', () => {
    const source = recordCheckerSource(EVERY_KIND);
    for (const name of [...EVERY_KIND.columns, ...EVERY_KIND.partitionKeys!].map((c) => c.name)) expect(source).toContain(`map[${JSON.stringify(name)}]`);
    const code = source.replace(/"(?:[^"\\\n]|\\.)*"/g, '""').replace(/\/\/.*$/gm, '');
    const identifiers = new Set(code.match(/[A-Za-z_$][\w$]*/g));
    for (const name of ['id', 'email', 'digest', 'state', 'count', 'lines', 'sku', 'qty', 'address', 'city']) expect(identifiers).not.toContain(name);
  });

  test.each(['order-id', 'a"b', '__proto__', 'Status', 'x\n'])('refuses a column name that is not snake_case: %p', (name) => {
    const dataset: Dataset = { ...EVERY_KIND, name: 'odd', columns: [column(name, 'string')], partitionKeys: [] };
    expect(() => recordCheckerOf(dataset)).toThrow('is not snake_case: no checker is generated for it');
  });

  /** The statements generated for one top-level column of EVERY_KIND. */
  const statementsOf = (name: string) => recordCheckerSource(EVERY_KIND).split('\n  // ').find((block) => block.startsWith(`"${name}": `));

  test.each([
    ['id', 'string'], ['at', 'string'], ['count', 'number'], ['total', 'number'], ['ratio', 'number'], ['price', 'number'], ['flag', 'boolean'],
  ])('recognizes a conforming %s inline, by its JSON type (%s), without the general walk', (name, type) => {
    expect(statementsOf(name)).toContain(`if (typeof value === "${type}") {`);
  });

  test.each(['day', 'wide'])('leaves %s (a date, a decimal wider than a double) to the general walk', (name) => {
    expect(statementsOf(name)).not.toContain('typeof value ===');
    expect(statementsOf(name)).toContain('declared = conform(');
  });

  test('walks a struct column with a function of its own, given only a plain object', () => {
    expect(statementsOf('address')).toMatch(/declared = typeof value === "object" && value !== null && !Array\.isArray\(value\) \? \(fields\d+\(value, parent \+ "address\.", reasons, normalizing\), value\) : conform\(/);
  });

  test('walks the arrays inside an array with a function of their own', () => {
    expect(recordCheckerSource(EVERY_KIND)).toMatch(/const declared = Array\.isArray\(element\) \? \(array\d+\(element, path \+ "\[" \+ i \+ "\]"/);
  });

  test('ORDER_CHANGE\'s checker, as generated (kept to be read and reviewed)', () => {
    expect(recordCheckerSource(ORDER_CHANGE)).toMatchSnapshot();
  });
});
