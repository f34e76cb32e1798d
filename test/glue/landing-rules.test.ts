import { CLICK_EVENT, CUSTOMER, type Dataset, ORDER_LINE_EXPORT, PRODUCT } from '../../lib/contracts';
import { type FixtureRow, fixtureRow } from '../../local/dataset-fixtures';
import { type Row, validateLanding } from './support/sql-file-run';

/**
 * Every rule of the landing-to-raw validation queries (glue-scripts/sql/raw_*.sql), one test each: a record that only
 * that rule decides (valid but for one value), run through the deployed file on DuckDB, quarantined with exactly that
 * rule's reason, or accepted as the rule says. Each dataset's records go through its query once, in beforeAll. Each
 * table below is the rule -> test list of its file: a row per `CASE WHEN` of `reject_reason` (and per cleansing rule).
 */
interface Rule {
  /** The test's name: what a user relies on. */
  readonly rule: string;
  /** The record's values that differ from a valid fixture record (text as a reader hands it over, `null` for absent). */
  readonly record: FixtureRow;
  /** The reject reason, or `null`: accepted. */
  readonly reason: string | null;
  /** Typed values an accepted record must have. */
  readonly accepted?: Row;
}

const bytes = (n: number) => 'b'.repeat(n);
const UTC_OFFSET = '2026-03-01T10:00:00+02:00';

/** Rules every validation query has, each written in every file. */
const commonRules = (key: string): Rule[] => [
  {
    rule: 'a record the reader could not read is quarantined with the reader\'s reason alone, whatever else is wrong with it',
    record: { _malformed_reason: 'the record has 9 fields, the header 6', [key]: null }, reason: 'the record has 9 fields, the header 6',
  },
  { rule: 'a record holding bytes that were not UTF-8 is quarantined as such', record: { [key]: 'caf\ufffd' }, reason: 'contains bytes that are not valid UTF-8' },
  { rule: 'a record with columns the contract does not know is quarantined naming them', record: { _unexpected_columns: 'coupon,referrer' }, reason: 'unexpected columns: coupon,referrer' },
  { rule: 'a valid record is accepted', record: {}, reason: null },
];

const missing = (column: string, blank: unknown = ' '): Rule =>
  ({ rule: `a record without ${column} (blank counts as absent) is quarantined`, record: { [column]: blank }, reason: `${column} is missing` });
const notAllowed = (column: string, value: string): Rule => ({
  rule: `${column} outside its enumeration is quarantined with the value, upper-cased`, record: { [column]: value.toLowerCase() },
  reason: `${column} is not an allowed value: ${value}`,
});
const overBytes = (column: string, value = bytes(257)): Rule => ({
  rule: `${column} over the warehouse's 256 bytes of UTF-8 is quarantined with its length`, record: { [column]: value },
  reason: `${column} is ${Buffer.byteLength(value)} bytes of UTF-8, over the 256 the warehouse stores`,
});
const badTimestamp = (column: string): Rule => ({
  rule: `${column} with a UTC offset is quarantined (timestamps must be UTC)`, record: { [column]: UTC_OFFSET },
  reason: `${column} is not a valid UTC timestamp: ${UTC_OFFSET}`,
});
const atByteLimit = (column: string, value = bytes(256)): Rule =>
  ({ rule: `${column} of exactly 256 bytes is accepted`, record: { [column]: value }, reason: null });

const RULES: ReadonlyArray<{ readonly dataset: Dataset; readonly rules: readonly Rule[] }> = [
  { dataset: PRODUCT, rules: [
    ...commonRules('product_name'),
    missing('sku'),
    missing('product_name'),
    missing('category'),
    notAllowed('category', 'GARDEN'),
    missing('list_price'),
    { rule: 'a list_price with more than 2 decimal places is quarantined with the value', record: { list_price: '10.555' }, reason: 'list_price is not a decimal with at most 2 places: 10.555' },
    { rule: 'a negative list_price is quarantined', record: { list_price: '-0.01' }, reason: 'list_price is negative' },
    { rule: 'a list_price of 0 is accepted (a free product)', record: { list_price: '0' }, reason: null, accepted: { list_price: '0.00' } },
    { rule: 'an is_active other than true or false is quarantined with the value', record: { is_active: 'Yes' }, reason: 'is_active is not true or false: yes' },
    { rule: 'a product exported without is_active is on sale', record: { is_active: null }, reason: null, accepted: { is_active: true } },
    { rule: 'is_active is read whatever its case', record: { is_active: 'FALSE' }, reason: null, accepted: { is_active: false } },
    missing('updated_at'),
    badTimestamp('updated_at'),
    overBytes('sku'),
    overBytes('product_name', '注'.repeat(86)),
    atByteLimit('product_name', `${'注'.repeat(85)}b`),
  ] },
  { dataset: CUSTOMER, rules: [
    ...commonRules('full_name'),
    missing('customer_id'),
    missing('email'),
    { rule: 'an email that is not an address is quarantined', record: { email: 'customer.example.com' }, reason: 'email is not an e-mail address' },
    { rule: 'an email with two @ is quarantined', record: { email: 'a@b@example.com' }, reason: 'email is not an e-mail address' },
    missing('full_name'),
    missing('country'),
    { rule: 'a country that is not a two-letter code is quarantined with the value', record: { country: 'deu' }, reason: 'country is not a two-letter code: DEU' },
    { rule: 'a country is upper-cased', record: { country: 'de' }, reason: null, accepted: { country: 'DE' } },
    notAllowed('segment', 'RETAIL'),
    { rule: 'a customer exported without a segment is a CONSUMER', record: { segment: '' }, reason: null, accepted: { segment: 'CONSUMER' } },
    missing('signup_date'),
    { rule: 'a signup_date that is no day of the calendar is quarantined with the value', record: { signup_date: '2026-02-30' }, reason: 'signup_date is not a valid date (yyyy-MM-dd): 2026-02-30' },
    missing('updated_at'),
    badTimestamp('updated_at'),
    overBytes('customer_id'),
    overBytes('email', `${bytes(245)}@example.com`),
    overBytes('full_name'),
    {
      rule: 'a country over 256 bytes is quarantined with both of its problems', record: { country: bytes(257) },
      reason: `country is not a two-letter code: ${'B'.repeat(257)}; country is 257 bytes of UTF-8, over the 256 the warehouse stores`,
    },
    atByteLimit('email', `${bytes(244)}@example.com`),
  ] },
  { dataset: ORDER_LINE_EXPORT, rules: [
    ...commonRules('sku'),
    missing('order_id'),
    missing('customer_id'),
    missing('status'),
    notAllowed('status', 'LOST'),
    missing('currency'),
    notAllowed('currency', 'XXX'),
    missing('region'),
    notAllowed('region', 'MARS'),
    missing('payment_type'),
    notAllowed('payment_type', 'BARTER'),
    missing('created_at'),
    badTimestamp('created_at'),
    missing('updated_at'),
    badTimestamp('updated_at'),
    missing('line_number'),
    { rule: 'a line_number that is not an integer is quarantined with the value', record: { line_number: '1.5' }, reason: 'line_number is not an integer: 1.5' },
    { rule: 'a line_number of 0 is quarantined (lines count from 1)', record: { line_number: '0' }, reason: 'line_number must be at least 1' },
    missing('sku'),
    missing('quantity'),
    { rule: 'a quantity that is not an integer is quarantined with the value', record: { quantity: 'two' }, reason: 'quantity is not an integer: two' },
    { rule: 'a quantity of 0 is quarantined', record: { quantity: '0' }, reason: 'quantity must be at least 1' },
    missing('unit_price'),
    { rule: 'a unit_price with more than 2 decimal places is quarantined with the value', record: { unit_price: '1.005' }, reason: 'unit_price is not a decimal with at most 2 places: 1.005' },
    { rule: 'a negative unit_price is quarantined', record: { unit_price: '-0.01' }, reason: 'unit_price is negative' },
    { rule: 'a unit_price of 0 is accepted (a free line)', record: { unit_price: '0.00' }, reason: null },
    {
      rule: 'a line amount of 10,000,000,000 is quarantined: it does not fit DECIMAL(12,2)', record: { quantity: '2', unit_price: '5000000000.00' },
      reason: 'the line amount (quantity x unit_price) does not fit DECIMAL(12,2)',
    },
    { rule: 'a line amount of 9,999,999,999.99 is accepted', record: { quantity: '1', unit_price: '9999999999.99' }, reason: null },
    overBytes('order_id'),
    overBytes('customer_id'),
    overBytes('sku'),
    { rule: 'enumerations are upper-cased and trimmed', record: { status: ' paid ', currency: 'eur' }, reason: null, accepted: { status: 'PAID', currency: 'EUR' } },
  ] },
  { dataset: CLICK_EVENT, rules: [
    ...commonRules('page_url'),
    missing('event_id'),
    missing('session_id'),
    { rule: 'an event without a customer or a product is accepted (both optional)', record: { customer_id: null, sku: '' }, reason: null, accepted: { customer_id: null, sku: null } },
    missing('event_type'),
    notAllowed('event_type', 'HOVER'),
    missing('page_url'),
    missing('device'),
    notAllowed('device', 'WATCH'),
    missing('event_time'),
    badTimestamp('event_time'),
    { rule: 'an event_time that does not exist (hour 24) is quarantined with the value', record: { event_time: '2026-03-01T24:00:00Z' }, reason: 'event_time is not a valid UTC timestamp: 2026-03-01T24:00:00Z' },
    overBytes('event_id'),
    overBytes('session_id'),
    overBytes('customer_id'),
    overBytes('sku'),
    overBytes('page_url', `/${'é'.repeat(128)}`),
    atByteLimit('page_url', `/${'é'.repeat(127)}b`),
  ] },
];

describe.each(RULES.map((r) => ({ ...r, file: `raw_${r.dataset.name}.sql` })))('$file', ({ dataset, rules }) => {
  let outcomes: Row[];
  beforeAll(async () => {
    outcomes = await validateLanding(dataset, rules.map((r, i) => fixtureRow(dataset, i, r.record)));
  });

  test.each(rules.map((r, i) => ({ ...r, i })))('$rule', ({ i, reason, accepted }) => {
    expect(outcomes[i].reject_reason).toBe(reason);
    if (accepted) expect(outcomes[i]).toMatchObject(accepted);
  });
});

test('each validation query returns every record it reads, valid or not: none is dropped', async () => {
  const records = [fixtureRow(PRODUCT, 0), fixtureRow(PRODUCT, 1, { sku: null }), fixtureRow(PRODUCT, 2, { _malformed_reason: 'unreadable' })];
  expect((await validateLanding(PRODUCT, records)).map((r) => r.reject_reason)).toEqual([null, 'sku is missing', 'unreadable']);
});
