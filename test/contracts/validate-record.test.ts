import { arrayOf, conformRecord, type Dataset, decimal, EMAIL_NORMALIZATION, ORDER_CHANGE, structOf, validateRecord } from '../../lib/contracts';
import { fieldChecksOf } from '../../lib/contracts/validate-record';
import { recordCheckerOf } from '../../lib/contracts/record-checker';
import { keyOnlyRemove } from '../../local/order-stream-records';

/** A small dataset using every kind of column type the contracts know. */
const SAMPLE: Dataset = {
  name: 'sample',
  description: 'Every column type',
  columns: [
    { name: 'id', type: 'string', description: 'Identifier' },
    { name: 'kind', type: 'string', description: 'Kind', allowedValues: ['A', 'B'] },
    { name: 'count', type: 'int', description: 'Count' },
    { name: 'total', type: 'bigint', description: 'Total' },
    { name: 'ratio', type: 'double', description: 'Ratio' },
    { name: 'active', type: 'boolean', description: 'Active' },
    { name: 'day', type: 'date', description: 'Day' },
    { name: 'at', type: 'timestamp', description: 'Instant' },
    { name: 'price', type: decimal(5, 2), description: 'Price' },
    { name: 'note', type: 'string', nullable: true, description: 'Optional note' },
    { name: 'items', type: arrayOf(structOf([{ name: 'qty', type: 'int', minimum: 1, description: 'Quantity' }])), description: 'Items' },
  ],
  businessKey: ['id'],
  partitionKeys: [{ name: 'load_date', type: 'date', description: 'Load day' }],
};

const valid = {
  id: 'x-1', kind: 'A', count: 3, total: 2 ** 40, ratio: 0.5, active: true, day: '2026-02-28',
  at: '2026-02-28T23:59:59.123Z', price: '999.99', note: null, items: [{ qty: 1 }],
};

test('a record with every column right has no reasons', () => {
  expect(validateRecord(SAMPLE, valid)).toEqual([]);
});

test('partition keys may be present, and are then validated', () => {
  expect(validateRecord(SAMPLE, { ...valid, load_date: '2026-03-01' })).toEqual([]);
  expect(validateRecord(SAMPLE, { ...valid, load_date: 'yesterday' })).toEqual(['load_date: expected a date yyyy-MM-dd, got string "yesterday"']);
});

test('every reason is reported at once, each naming its field', () => {
  const { id: _id, ...withoutId } = valid;
  expect(validateRecord(SAMPLE, { ...withoutId, extra: 1, kind: 'C', count: 1.5 })).toEqual([
    'extra: unknown field',
    'id: missing',
    'kind: "C" is not one of A, B',
    'count: expected a 32-bit integer, got number 1.5',
  ]);
});

test.each([
  ['count', 2 ** 31, 'expected a 32-bit integer'],
  ['total', 2 ** 53, 'expected an integer'],
  ['ratio', '0.5', 'expected a number'],
  ['active', 'true', 'expected a boolean'],
  ['day', '2026-02-30', 'expected a date yyyy-MM-dd'],
  ['day', '2026-02-29', 'expected a date yyyy-MM-dd'],
  ['at', '2026-13-01T00:00:00Z', 'expected an ISO 8601 timestamp'],
  ['at', '28/02/2026 10:00', 'expected an ISO 8601 timestamp'],
  ['price', '1000.00', 'expected a decimal(5,2)'],
  ['price', 9.999, 'expected a decimal(5,2)'],
  ['note', 42, 'expected a string'],
])('%s = %p is refused (%s)', (field, value, reason) => {
  expect(validateRecord(SAMPLE, { ...valid, [field]: value })).toEqual([expect.stringContaining(`${field}: ${reason}`)]);
});

test('decimals may be numbers or numeric strings within precision and scale', () => {
  expect(validateRecord(SAMPLE, { ...valid, price: 12.5 })).toEqual([]);
  expect(validateRecord(SAMPLE, { ...valid, price: '-0.01' })).toEqual([]);
});

test('leap days exist in leap years only', () => {
  expect(validateRecord(SAMPLE, { ...valid, day: '2028-02-29' })).toEqual([]);
});

test('timestamps may carry an offset', () => {
  expect(validateRecord(SAMPLE, { ...valid, at: '2026-03-01T01:00:00+02:00' })).toEqual([]);
});

test('null is refused where the column is not nullable', () => {
  expect(validateRecord(SAMPLE, { ...valid, id: null })).toEqual(['id: must not be null']);
});

test('a number below the column\'s minimum is refused, naming the minimum', () => {
  expect(validateRecord(SAMPLE, { ...valid, items: [{ qty: 0 }] })).toEqual(['items[0].qty: 0 is less than 1']);
});

test('nested fields are checked with their path', () => {
  expect(validateRecord(SAMPLE, { ...valid, items: [{ qty: 1 }, { qty: '2', colour: 'red' }, null] })).toEqual([
    'items[1].colour: unknown field',
    'items[1].qty: expected a 32-bit integer, got string "2"',
    'items[2]: must not be null',
  ]);
});

test.each([[null, 'null'], [[valid], 'an array'], ['x', 'string "x"']])('a record that is not an object (%p) is refused', (record, got) => {
  expect(validateRecord(SAMPLE, record)).toEqual([`record: expected an object, got ${got}`]);
});

test('decimals are judged by value, not by spelling', () => {
  expect(validateRecord(SAMPLE, { ...valid, price: '999.99000000000000000000' })).toEqual([]);
  expect(validateRecord(SAMPLE, { ...valid, price: '9.9999e2' })).toEqual([]);
  expect(validateRecord(SAMPLE, { ...valid, price: '1.001' })).toEqual([expect.stringContaining('price: expected a decimal(5,2)')]);
});

test('timestamps are read as instants, and the reason says what is wrong', () => {
  expect(validateRecord(SAMPLE, { ...valid, at: '2026-02-28T24:00:00Z' }))
    .toEqual(['at: expected an ISO 8601 timestamp (hour 24 is not a time of day), got string "2026-02-28T24:00:00Z"']);
});

test('a string with an unpaired surrogate is refused: it has no UTF-8 form', () => {
  expect(validateRecord(SAMPLE, { ...valid, id: 'x-\uDC00' })).toEqual([expect.stringContaining('id: expected a string of well-formed Unicode')]);
});

describe('formats and personal data', () => {
  const CONTACT: Dataset = {
    name: 'contact',
    description: 'Formatted strings',
    columns: [
      { name: 'email', type: 'string', format: 'email', pii: true, description: 'E-mail' },
      { name: 'hash', type: 'string', format: 'sha256-hex', description: 'Digest' },
    ],
    businessKey: [],
  };

  test('a string must have its column\'s format', () => {
    expect(validateRecord(CONTACT, { email: 'jane@example.com', hash: 'f'.repeat(64) })).toEqual([]);
    expect(validateRecord(CONTACT, { email: 'jane@example.com', hash: 'jane@example.com' }))
      .toEqual(['hash: expected a SHA-256 digest in lower-case hex, got string "jane@example.com"']);
  });

  test('the value of a personal-data column never appears in a reason (reasons are logged)', () => {
    expect(validateRecord(CONTACT, { email: 'jane.doe', hash: 'f'.repeat(64) }))
      .toEqual(['email: expected an e-mail address, got a string of 8 characters (personal data, not shown)']);
  });

  test('nor once normalized', () => {
    const normalized: Dataset = { ...CONTACT, columns: CONTACT.columns.map((c) => (c.name === 'email' ? { ...c, normalization: EMAIL_NORMALIZATION } : c)) };
    expect(conformRecord(normalized, { email: ' JANE.DOE ', hash: 'f'.repeat(64) }).reasons)
      .toEqual(['email: expected an e-mail address, got a string of 8 characters (personal data, not shown)']);
  });
});

describe('key-only rows (ORDER_CHANGE.keyOnly: a REMOVE carrying only its key and the event metadata)', () => {
  const keyOnly = () => keyOnlyRemove();

  test('are valid, through the interpreter and the generated checker alike', () => {
    expect(validateRecord(ORDER_CHANGE, keyOnly())).toEqual([]);
    expect(recordCheckerOf(ORDER_CHANGE)(keyOnly()).reasons).toEqual([]);
  });

  test('still need every column they keep', () => {
    const { sequence_number: _dropped, ...row } = keyOnly();
    expect(validateRecord(ORDER_CHANGE, row)).toEqual(['sequence_number: missing']);
  });

  test('only for the operation the rule names, and only with every other column empty', () => {
    expect(validateRecord(ORDER_CHANGE, { ...keyOnly(), operation: 'MODIFY' })).toContain('customer_id: must not be null');
    expect(validateRecord(ORDER_CHANGE, { ...keyOnly(), region: 'UK' })).toContain('status: must not be null');
    expect(recordCheckerOf(ORDER_CHANGE)({ ...keyOnly(), region: 'UK' }).reasons).toContain('status: must not be null');
  });
});

describe('values at the edges of their column type', () => {
  const reasonsFor = (field: string, value: unknown) => validateRecord(SAMPLE, { ...valid, [field]: value });

  test.each([
    ['the smallest 32-bit integer', 'count', -(2 ** 31)],
    ['the largest 32-bit integer', 'count', 2 ** 31 - 1],
    ['the largest decimal(5,2), as a number', 'price', 999.99],
    ['the smallest decimal(5,2), as a number', 'price', -999.99],
    ['the first day of the year', 'day', '2026-01-01'],
    ['the last day of the year', 'day', '2026-12-31'],
    ['29 February 2000 (divisible by 400: a leap year)', 'day', '2000-02-29'],
    ['a string of 256 bytes of UTF-8 (128 two-byte characters)', 'id', '\u00e9'.repeat(128)],
  ])('%s is accepted', (_case, field, value) => {
    expect(reasonsFor(field, value)).toEqual([]);
  });

  test.each([
    ['one below the smallest 32-bit integer', 'count', -(2 ** 31) - 1, 'count: expected a 32-bit integer, got number -2147483649'],
    ['infinity as a double (JSON writes it null)', 'ratio', Infinity, 'ratio: expected a number, got number null'],
    ['minus infinity as a double', 'ratio', -Infinity, 'ratio: expected a number, got number null'],
    ['1000 in a decimal(5,2), as a number', 'price', 1000, 'price: expected a decimal(5,2), got number 1000'],
    ['-1000 in a decimal(5,2), as a number', 'price', -1000, 'price: expected a decimal(5,2), got number -1000'],
    ['an object in a decimal', 'price', {}, 'price: expected a decimal(5,2), got an object'],
    ['month 00', 'day', '2026-00-10', 'day: expected a date yyyy-MM-dd, got string "2026-00-10"'],
    ['month 13', 'day', '2026-13-01', 'day: expected a date yyyy-MM-dd, got string "2026-13-01"'],
    ['day 00', 'day', '2026-01-00', 'day: expected a date yyyy-MM-dd, got string "2026-01-00"'],
    ['31 April, in a leap year', 'day', '2028-04-31', 'day: expected a date yyyy-MM-dd, got string "2028-04-31"'],
    ['29 February 2100 (divisible by 100, not by 400)', 'day', '2100-02-29', 'day: expected a date yyyy-MM-dd, got string "2100-02-29"'],
    ['a date followed by more text', 'day', '2026-02-28T00:00', 'day: expected a date yyyy-MM-dd, got string "2026-02-28T00:00"'],
    ['a date preceded by more text', 'day', 'on 2026-02-28', 'day: expected a date yyyy-MM-dd, got string "on 2026-02-28"'],
    ['a date with a one-digit month', 'day', '2026-2-28', 'day: expected a date yyyy-MM-dd, got string "2026-2-28"'],
    ['a date with a one-digit day', 'day', '2026-02-8', 'day: expected a date yyyy-MM-dd, got string "2026-02-8"'],
    ['a date with a two-digit year', 'day', '26-02-28', 'day: expected a date yyyy-MM-dd, got string "26-02-28"'],
    ['an object where a string belongs', 'id', {}, 'id: expected a string of well-formed Unicode, got an object'],
    ['a string where an object belongs', 'items', ['x'], 'items[0]: expected an object, got string "x"'],
    ['an array element that is undefined (a hole)', 'items', [undefined], 'items[0]: must not be null'],
  ])('%s is refused, the reason saying what was expected and what came', (_case, field, value, reason) => {
    expect(reasonsFor(field, value)).toEqual([reason]);
  });

  test('a string over the warehouse\'s 256 bytes of UTF-8 is refused, naming its byte count, though it has only 129 characters', () => {
    expect(reasonsFor('id', '\u00e9'.repeat(129))).toEqual([
      `id: expected a string of at most 256 bytes of UTF-8 (the warehouse's VARCHAR counts bytes; this one has 258), got string "${'\u00e9'.repeat(39)}...`,
    ]);
  });

  test('a string of 257 one-byte characters is refused', () => {
    expect(reasonsFor('id', 'x'.repeat(257))).toEqual([expect.stringContaining('id: expected a string of at most 256 bytes of UTF-8 (the warehouse\'s VARCHAR counts bytes; this one has 257)')]);
  });

  test('a value is shown in a reason up to 40 characters of its JSON, then cut with "..."', () => {
    expect(reasonsFor('day', 'd'.repeat(38))).toEqual([`day: expected a date yyyy-MM-dd, got string "${'d'.repeat(38)}"`]);
    expect(reasonsFor('day', 'd'.repeat(39))).toEqual([`day: expected a date yyyy-MM-dd, got string "${'d'.repeat(39)}...`]);
  });

  test('a decimal(5,2) given as a number holds less than 1000, checked with checks compiled for the dataset at hand', () => {
    const dataset: Dataset = { name: 'price', description: 'A price', columns: [{ name: 'price', type: decimal(5, 2), description: 'Price' }], businessKey: [] };
    expect(validateRecord(dataset, { price: 999.99 })).toEqual([]);
    expect(validateRecord(dataset, { price: 1000 })).toEqual(['price: expected a decimal(5,2), got number 1000']);
  });

  test.each([
    ['63 hex digits', 'f'.repeat(63)],
    ['65 hex digits', 'f'.repeat(65)],
    ['64 upper-case hex digits', 'F'.repeat(64)],
    ['64 letters past f', 'g'.repeat(64)],
  ])('a SHA-256 digest of %s is refused', (_case, hash) => {
    const dataset: Dataset = { name: 'digest', description: 'A digest', columns: [{ name: 'hash', type: 'string', format: 'sha256-hex', description: 'Digest' }], businessKey: [] };
    expect(validateRecord(dataset, { hash })).toEqual([expect.stringContaining('hash: expected a SHA-256 digest in lower-case hex, got string')]);
    expect(validateRecord(dataset, { hash: '0123456789abcdef'.repeat(4) })).toEqual([]);
  });

  test('a dataset\'s checks are compiled once, and reused for every record', () => {
    expect(fieldChecksOf(SAMPLE)).toBe(fieldChecksOf(SAMPLE));
  });
});

describe('decimals wider than a double carries', () => {
  const WIDE: Dataset = { name: 'wide', description: 'A wide decimal', columns: [{ name: 'amount', type: decimal(16, 2), description: 'Amount' }], businessKey: [] };

  test.each([
    // Scaling this double by 100 and back does not give it again, but its shortest text has two places: it is read as text.
    ['a double whose text has 16 digits and two places', 35992608985789.95],
    ['the same amount as text', '35992608985789.95'],
    ['the largest amount, as text', '99999999999999.99'],
  ])('%s fits a decimal(16,2)', (_case, amount) => {
    expect(validateRecord(WIDE, { amount })).toEqual([]);
  });

  test.each([
    ['an amount with 15 integer digits', 1e14, 'number 100000000000000'],
    ['a list holding an amount', ['1.5'], 'an array'],
    ['a boolean', true, 'boolean true'],
    ['text that is no number', 'ten', 'string "ten"'],
    ['infinity', Infinity, 'number null'],
  ])('%s does not', (_case, amount, got) => {
    expect(validateRecord(WIDE, { amount })).toEqual([`amount: expected a decimal(16,2), got ${got}`]);
  });

  test('conforming one turns its text into a number only when a double carries every digit (15 significant digits)', () => {
    const record = { amount: '1234567890123.45' };
    expect(conformRecord(WIDE, record)).toEqual({ reasons: [], changed: true });
    expect(record).toEqual({ amount: 1234567890123.45 });
  });

  test('with 16 significant digits it stays text', () => {
    const record = { amount: '12345678901234.56' };
    expect(conformRecord(WIDE, record)).toEqual({ reasons: [], changed: false });
    expect(record).toEqual({ amount: '12345678901234.56' });
  });

  test('text that is no number is reported and left as it is', () => {
    const record = { amount: 'ten' };
    expect(conformRecord(WIDE, record)).toEqual({ reasons: ['amount: expected a decimal(16,2), got string "ten"'], changed: false });
    expect(record).toEqual({ amount: 'ten' });
  });
});

test('NaN, which JSON cannot carry but a caller can pass, is refused as a number, and is no change', () => {
  const record = { ...valid, price: 999.99, ratio: NaN };
  expect(validateRecord(SAMPLE, record)).toEqual(['ratio: expected a number, got number null']);
  expect(conformRecord(SAMPLE, record)).toEqual({ reasons: ['ratio: expected a number, got number null'], changed: false });
});
