import {
  CLICK_EVENT, CURATED_CLICKSTREAM, CURATED_ORDER_LINES, CURATED_PRODUCTS, type Dataset, ORDER_LINE_EXPORT, PRODUCT,
} from '../../lib/contracts';
import { LANDING_READER } from '../../lib/etl/landing-reader';
import { fixtureRow, toCsv, writeZoneFile } from '../../local/dataset-fixtures';
import { localGlueSession } from './support/local-glue-session';

/**
 * Hostile landing files, each run through both local Glue jobs on a lake of its own. For each: the run completes, the
 * rows that can be read and are valid reach curated, every other record is quarantined with its reason, and
 * records in = curated + quarantined + duplicates removed. "Records in" is counted by the case itself, by the reader's
 * declared rules (lib/etl/landing-reader.ts): a CSV record per line outside quotes, a JSON record per non-blank line.
 */
interface HostileInput {
  readonly dataset: Dataset;
  readonly curated: Dataset;
  /** File name under the dataset's landing prefix, and content. */
  readonly files: Record<string, string | Buffer>;
  readonly recordsIn: number;
  readonly curatedRows: number;
  readonly duplicates?: number;
  /** Each quarantined record's reason contains the matching entry, in the order the records were read. */
  readonly reasons: readonly string[];
}

const { malformed } = LANDING_READER;
const header = PRODUCT.columns.map((c) => c.name).join(',');
const product = (i: number, overrides: Record<string, unknown> = {}) => fixtureRow(PRODUCT, i, overrides);
const productLine = (i: number, overrides: Record<string, unknown> = {}) => toCsv([product(i, overrides)]).slice(header.length + 1, -1);
const productsCsv = (...lines: string[]) => `${[header, ...lines].join('\n')}\n`;
const products = (files: Record<string, string | Buffer>, recordsIn: number, curatedRows: number, reasons: string[] = [], duplicates = 0): HostileInput =>
  ({ dataset: PRODUCT, curated: CURATED_PRODUCTS, files, recordsIn, curatedRows, reasons, duplicates });
const event = (i: number, overrides: Record<string, unknown> = {}) => JSON.stringify(fixtureRow(CLICK_EVENT, i, overrides));
const clickstream = (content: string | Buffer, recordsIn: number, curatedRows: number, reasons: string[] = []): HostileInput =>
  ({ dataset: CLICK_EVENT, curated: CURATED_CLICKSTREAM, files: { 'e.jsonl': content }, recordsIn, curatedRows, reasons });
const orderLine = (i: number, overrides: Record<string, unknown> = {}) => fixtureRow(ORDER_LINE_EXPORT, i, { order_id: `O-${i}`, ...overrides });

const HOSTILE_INPUTS: Record<string, HostileInput> = {
  // CSV: encoding and line endings
  'a UTF-8 byte-order mark before the header': products({ 'p.csv': `\ufeff${productsCsv(productLine(0), productLine(1))}` }, 2, 2),
  'CRLF line endings': products({ 'p.csv': productsCsv(productLine(0), productLine(1)).replace(/\n/g, '\r\n') }, 2, 2),
  // Decoded as UTF-8, every other byte is NUL: the header names nothing the contract knows, and the final NUL is a record.
  'a UTF-16 file with its byte-order mark': products({ 'p.csv': Buffer.from(`\ufeff${productsCsv(productLine(0))}`, 'utf16le') }, 2, 0,
    ['not valid UTF-8', malformed.csvFieldCount]),
  'a byte that is not UTF-8 inside a value': products({ 'p.csv': Buffer.concat([Buffer.from(productsCsv(productLine(0)).slice(0, -1)), Buffer.from([0xe9, 0x0a]), Buffer.from(`${productLine(1)}\n`)]) }, 2, 1,
    ['not valid UTF-8']),
  'blank lines between records are not records': products({ 'p.csv': productsCsv(productLine(0), '', '', productLine(1), '') }, 2, 2),
  'a line of spaces is a record with one field': products({ 'p.csv': productsCsv(productLine(0), '   ', productLine(1)) }, 3, 2, [malformed.csvFieldCount]),
  'a file of blank lines only': products({ 'p.csv': '\n\n\r\n' }, 0, 0),
  'an empty file': products({ 'p.csv': '' }, 0, 0),
  'a header-only file': products({ 'p.csv': productsCsv() }, 0, 0),
  'a header without a final line break': products({ 'p.csv': header }, 0, 0),
  'a last record without a final line break': products({ 'p.csv': productsCsv(productLine(0), productLine(1)).slice(0, -1) }, 2, 2),
  // CSV: quoting
  'a quoted value holding a line break': products({ 'p.csv': productsCsv(productLine(0, { product_name: 'Two\nlines' }), productLine(1)) }, 2, 2),
  'a quoted value holding CRLF and a delimiter': products({ 'p.csv': productsCsv(productLine(0, { product_name: 'a,\r\nb' })) }, 1, 1),
  'escaped (doubled) quotes': products({ 'p.csv': productsCsv(productLine(0, { product_name: 'The "best" one' })) }, 1, 1),
  'a quote inside an unquoted value is kept': products({ 'p.csv': productsCsv(productLine(0).replace('product_name-0', '12" screen')) }, 1, 1),
  'text after a closing quote': products({ 'p.csv': productsCsv(productLine(0).replace('product_name-0', '"closed"text'), productLine(1)) }, 2, 1,
    [malformed.csvQuoting]),
  'an unterminated quote in the last record': products({ 'p.csv': productsCsv(productLine(0), productLine(1).replace('product_name-1', '"open')) }, 2, 1,
    [malformed.csvUnterminatedQuote]),
  'an unterminated quote swallows the records after it into one': products({ 'p.csv': productsCsv(productLine(0), productLine(1).replace('product_name-1', '"open'), productLine(2), productLine(3)) }, 2, 1,
    [malformed.csvUnterminatedQuote]),
  'an unterminated quote in the header': products({ 'p.csv': productsCsv(productLine(0)).replace('sku', '"sku') }, 1, 0, [malformed.csvUnterminatedQuote]),
  // CSV: headers and fields
  'columns in another order than the contract': products({ 'p.csv': toCsv([product(0), product(1)], [...PRODUCT.columns.map((c) => c.name)].reverse()) }, 2, 2),
  'a header name with a quote in it': products({ 'p.csv': productsCsv(productLine(0)).replace('sku', '"sk""u"') }, 1, 0, ['unexpected columns: sk"u; sku is missing']),
  'a header name repeated': products({ 'p.csv': `sku,${header}\nX,${productLine(0)}\n` }, 1, 0, ['sku is missing']),
  'a header name with spaces around it is another name': products({ 'p.csv': productsCsv(productLine(0)).replace('sku', ' sku ') }, 1, 0, ['sku is missing']),
  'a required column missing from the header': products({ 'p.csv': toCsv([product(0)], PRODUCT.columns.map((c) => c.name).filter((c) => c !== 'category')) }, 1, 0, ['category is missing']),
  'an extra column holding a value': products({ 'p.csv': toCsv([product(0, { note: 'x' })]) }, 1, 0, ['unexpected columns: note']),
  'an extra column left empty': products({ 'p.csv': toCsv([product(0, { note: '' })]) }, 1, 1),
  'a record with a field too many': products({ 'p.csv': productsCsv(`${productLine(0)},surplus`, productLine(1)) }, 2, 1, [malformed.csvFieldCount]),
  'a record with a field too few': products({ 'p.csv': productsCsv(productLine(0).split(',').slice(0, -1).join(','), productLine(1)) }, 2, 1, [malformed.csvFieldCount]),
  'the header repeated mid-file': products({ 'p.csv': productsCsv(productLine(0), header, productLine(1)) }, 3, 2, ['list_price is not a decimal']),
  'the same file content under two names': products({ 'a.csv': productsCsv(productLine(0)), 'b.csv': productsCsv(productLine(0)) }, 2, 1, [], 1),
  // Values
  'a non-breaking space around a number': products({ 'p.csv': productsCsv(productLine(0, { list_price: '\u00a010.50' })) }, 1, 0, ['list_price is not a decimal']),
  'a price with more integer digits than DECIMAL(12,2) holds': products({ 'p.csv': productsCsv(productLine(0, { list_price: '12345678901.00' })) }, 1, 0, ['list_price is not a decimal']),
  'a timestamp with hour 99': products({ 'p.csv': productsCsv(productLine(0, { updated_at: '2026-03-02T99:00:00Z' })) }, 1, 0, ['updated_at is not a valid UTC timestamp']),
  'a timestamp at 24:00:00': products({ 'p.csv': productsCsv(productLine(0, { updated_at: '2026-03-02T24:00:00Z' })) }, 1, 0, ['updated_at is not a valid UTC timestamp']),
  'a timestamp on 30 February': products({ 'p.csv': productsCsv(productLine(0, { updated_at: '2026-02-30T10:00:00Z' })) }, 1, 0, ['updated_at is not a valid UTC timestamp']),
  'a timestamp with minute 60': products({ 'p.csv': productsCsv(productLine(0, { updated_at: '2026-03-02T10:60:00Z' })) }, 1, 0, ['updated_at is not a valid UTC timestamp']),
  'quantity x unit price beyond DECIMAL(12,2)': {
    dataset: ORDER_LINE_EXPORT, curated: CURATED_ORDER_LINES, recordsIn: 2, curatedRows: 1,
    files: { 'o.csv': toCsv([orderLine(0, { quantity: 999999999, unit_price: '9999999999.99' }), orderLine(1)]) },
    reasons: ['the line amount (quantity x unit_price) does not fit DECIMAL(12,2)'],
  },
  // JSON Lines
  'a malformed JSON line among good ones': clickstream(`${event(0)}\n{"event_id": "e-1",\n${event(2)}\n`, 3, 2, [malformed.jsonNotAnObject]),
  'a key given twice': clickstream(`${event(0).replace('{', '{"device":"BOGUS",')}\n${event(1)}\n`, 2, 1, [malformed.jsonDuplicateKey]),
  'an unpaired surrogate escape': clickstream(`${event(0, { page_url: '/p' }).replace('"/p"', '"/p\\ud800"')}\n${event(1)}\n`, 2, 1, [malformed.unpairedSurrogate]),
  'a paired surrogate escape is a character': clickstream(`${event(0, { page_url: '/p' }).replace('"/p"', '"/p\\ud83d\\ude00"')}\n`, 1, 1),
  'a pretty-printed object: each line is a record, none an object': clickstream(`${JSON.stringify(fixtureRow(CLICK_EVENT, 0), null, 1)}\n`, 10, 0,
    Array(10).fill(malformed.jsonNotAnObject)),
  'a JSON array file': clickstream(`[${event(0)},${event(1)}]\n`, 1, 0, [malformed.jsonNotAnObject]),
  'a line holding a JSON string, not an object': clickstream(`"just text"\n${event(1)}\n`, 2, 1, [malformed.jsonNotAnObject]),
  'CRLF and blank lines in JSON Lines': clickstream(`${event(0)}\r\n\r\n   \r\n${event(1)}\r\n`, 2, 2),
  'a byte-order mark before the first JSON line': clickstream(`\ufeff${event(0)}\n`, 1, 1),
  'a nested object where text is expected': clickstream(`${event(0, { page_url: { path: '/p' } })}\n`, 1, 1),
  'an unknown key in a JSON record': clickstream(`${event(0, { referrer: 'ads' })}\n`, 1, 0, ['unexpected columns: referrer']),
  'a JSON null for a required value': clickstream(`${event(0, { session_id: null })}\n`, 1, 0, ['session_id is missing']),
};

const session = localGlueSession();

test('the table holds at least 40 hostile inputs', () => {
  expect(Object.keys(HOSTILE_INPUTS).length).toBeGreaterThanOrEqual(40);
});

test.each(Object.keys(HOSTILE_INPUTS))('%s: the run completes, nothing is lost, each rejected record has its reason', async (name) => {
  const input = HOSTILE_INPUTS[name];
  const lake = session.newLake();
  for (const [file, content] of Object.entries(input.files)) writeZoneFile(lake.landing, `${input.dataset.name}/${file}`, content);
  await session.jobs.landingToRaw(lake, { runDate: '2026-03-03', runTime: '2026-03-03T04:00:00Z' });
  await session.jobs.rawToCurated(lake);

  const quarantined = await session.jobs.quarantined(lake, input.dataset.name);
  const curated = await session.jobs.readCurated(lake, input.curated);
  expect(quarantined.map((r) => r.reason)).toEqual(input.reasons.map((reason) => expect.stringContaining(reason)));
  expect(quarantined.every((r) => typeof r.raw_record === 'string' && r.raw_record !== '')).toBe(true);
  expect(curated).toHaveLength(input.curatedRows);
  expect(curated.length + quarantined.length + (input.duplicates ?? 0)).toBe(input.recordsIn);
});
