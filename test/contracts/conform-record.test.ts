import { arrayOf, conformRecord, type Dataset, decimal, EMAIL_NORMALIZATION, KEY_NORMALIZATION, structOf } from '../../lib/contracts';

const SAMPLE: Dataset = {
  name: 'sample',
  description: 'Columns with something to normalize',
  columns: [
    { name: 'id', type: 'string', normalization: KEY_NORMALIZATION, description: 'Identifier' },
    { name: 'email', type: 'string', normalization: EMAIL_NORMALIZATION, description: 'E-mail' },
    { name: 'label', type: 'string', description: 'Free text, kept as it is' },
    { name: 'at', type: 'timestamp', description: 'Instant' },
    { name: 'items', type: arrayOf(structOf([
      { name: 'sku', type: 'string', normalization: KEY_NORMALIZATION, description: 'SKU' },
      { name: 'price', type: decimal(12, 2), description: 'Price' },
    ])), description: 'Items' },
  ],
  businessKey: ['id'],
};

test('keys, e-mails, timestamps and decimal text take their declared form, nested ones too; free text is kept', () => {
  const record = {
    id: '\tORD-1 ', email: ' Jane@EXAMPLE.com\uFEFF', label: '  as typed  ', at: '2026-11-21T12:30:00+02:00',
    items: [{ sku: 'CAFE\u0301', price: '10.50' }, { sku: 'SKU-2', price: 3 }],
  };

  expect(conformRecord(SAMPLE, record)).toEqual({ reasons: [], changed: true });

  expect(record).toEqual({
    id: 'ORD-1', email: 'jane@example.com', label: '  as typed  ', at: '2026-11-21T10:30:00.000Z',
    items: [{ sku: 'CAF\u00C9', price: 10.5 }, { sku: 'SKU-2', price: 3 }],
  });
});

test('a record already in its declared form is left as it is', () => {
  const record = { id: 'ORD-1', email: 'jane@example.com', label: 'x', at: '2026-11-21T10:30:00.000Z', items: [{ sku: 'S', price: 1 }] };
  const copy = structuredClone(record);
  expect(conformRecord(SAMPLE, record)).toEqual({ reasons: [], changed: false });
  expect(record).toEqual(copy);
});

test('the reasons are those of the normalized record: what normalization fixes is not a reason', () => {
  expect(conformRecord(SAMPLE, { id: ' ORD-1\t', email: 'x@example.com', label: 'x', at: '2026-11-21 10:30:00', items: [] }).reasons).toEqual([]);
});

test('values of the wrong type or that cannot be read are left as they are, and reported', () => {
  const record = { id: 7, email: null, label: 'x', at: '2026-11-21T99:00:00Z', items: 'none' };
  expect(conformRecord(SAMPLE, record).reasons).toEqual([
    'id: expected a string of well-formed Unicode, got number 7',
    'email: must not be null',
    'at: expected an ISO 8601 timestamp (hour 99 is not a time of day), got string "2026-11-21T99:00:00Z"',
    'items: expected an array, got string "none"',
  ]);
  expect(record).toEqual({ id: 7, email: null, label: 'x', at: '2026-11-21T99:00:00Z', items: 'none' });
});
