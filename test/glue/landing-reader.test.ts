import { duckdbCsvOptions, landingReaderArgument, sparkCsvOptions, sparkJsonLinesOptions } from '../../lib/etl/landing-reader';

/**
 * The landing reader, declared once: what Spark is asked for in the Glue job and what DuckDB is asked for locally. The
 * values are written out here because each is a promise about hostile input (see hostile-landing-inputs.test.ts).
 */
test('Spark reads RFC 4180 CSV: comma, double quote escaped by doubling, values across lines, the header names the columns', () => {
  expect(sparkCsvOptions()).toMatchObject({ sep: ',', quote: '"', escape: '"', multiLine: 'true', header: 'true', encoding: 'UTF-8' });
});

test('Spark keeps every value as text, as written: no inference, no trimming', () => {
  expect(sparkCsvOptions()).toMatchObject({ inferSchema: 'false', ignoreLeadingWhiteSpace: 'false', ignoreTrailingWhiteSpace: 'false' });
});

test('Spark keeps a record it cannot parse, whole, in the corrupt-record column instead of failing the run', () => {
  expect(sparkCsvOptions()).toMatchObject({ mode: 'PERMISSIVE', columnNameOfCorruptRecord: '_corrupt_record', maxCharsPerColumn: '-1' });
});

test('Spark reads JSON Lines as one text row per line, for the job to parse', () => {
  expect(sparkJsonLinesOptions()).toEqual({ wholetext: 'false' });
});

test('DuckDB is asked for the same dialect, guesses nothing, and keeps rejected lines', () => {
  const options = duckdbCsvOptions(3);
  for (const option of ["delim = ','", `quote = '"'`, `escape = '"'`, 'header = true', 'auto_detect = false', 'all_varchar = true',
    'strict_mode = true', 'store_rejects = true', "columns = {'c1': 'VARCHAR', 'c2': 'VARCHAR', 'c3': 'VARCHAR'}"]) {
    expect(options).toContain(option);
  }
});

test('the job receives the Spark options and the reasons as one argument', () => {
  expect(JSON.parse(landingReaderArgument())).toEqual(expect.objectContaining({
    csv: sparkCsvOptions(), json: sparkJsonLinesOptions(), corrupt_record_column: '_corrupt_record',
  }));
});

test('an empty CSV field is NULL and a quoted empty one is empty text, on both engines', () => {
  expect(sparkCsvOptions()).toMatchObject({ nullValue: '', emptyValue: '' });
  expect(duckdbCsvOptions(1)).toContain('allow_quoted_nulls = false');
});

test('Spark keeps a quote inside an unquoted value as a character, and holds every file to the header\'s columns', () => {
  expect(sparkCsvOptions()).toMatchObject({ unescapedQuoteHandling: 'STOP_AT_DELIMITER', enforceSchema: 'true' });
});

test('DuckDB pads no short line: it sets each rejected line aside, in tables the job reads the reasons from', () => {
  const options = duckdbCsvOptions(1);
  for (const option of ['null_padding = false', 'ignore_errors = true', "rejects_table = 'landing_rejects'", "rejects_scan = 'landing_reject_scans'"]) {
    expect(options).toContain(option);
  }
  expect(options).toContain("columns = {'c1': 'VARCHAR'}");
});

test('the job receives the reason of each kind of malformed record', () => {
  expect(JSON.parse(landingReaderArgument()).malformed).toMatchObject({
    csvFieldCount: 'malformed CSV record: the number of fields differs from the header',
    jsonDuplicateKey: 'malformed JSON record: a key is given more than once',
  });
});
