/**
 * How landing files are read, declared once. The landing-to-raw job receives it as `--landing_reader` and passes the
 * Spark options to its reader; the local runner (local/landing-files.ts) reads with DuckDB options derived from the
 * same declaration. Every record is read as text; typing and validation are the job of the `.sql` files.
 *
 * A record that cannot be read (a CSV line with the wrong number of fields, an unterminated quote, a JSON line that is
 * not one object, a key given twice, an unpaired surrogate) becomes a row whose `_malformed_reason` says why and whose
 * `_raw_record` is the text as received: it is quarantined like any other invalid row, and the rest of the file goes on.
 */
export const LANDING_READER = {
  /** Files are UTF-8; a byte-order mark is dropped; bytes that are not UTF-8 decode to U+FFFD and are quarantined. */
  encoding: 'UTF-8',
  csv: {
    delimiter: ',',
    quote: '"',
    /** RFC 4180: a quote inside a quoted value is doubled. */
    escape: '"',
    /** The first record names the columns; each file is mapped by its own header, so column order may differ. */
    header: true,
    /** Quoted values may span lines. */
    multiLine: true,
  },
  json: {
    /** JSON Lines: one object per line; `\n`, `\r\n` and `\r` end a line; blank lines are not records. */
    lineSeparators: ['\r\n', '\r', '\n'],
  },
  /** Why a record could not be read, as the quarantine reports it. */
  malformed: {
    csvFieldCount: 'malformed CSV record: the number of fields differs from the header',
    csvUnterminatedQuote: 'malformed CSV record: a quoted value is not terminated before the end of the file',
    csvQuoting: 'malformed CSV record: a quote inside an unquoted value, or text after a closing quote',
    jsonNotAnObject: 'malformed JSON record: the line is not one JSON object',
    jsonDuplicateKey: 'malformed JSON record: a key is given more than once',
    unpairedSurrogate: 'malformed JSON record: a string holds an unpaired UTF-16 surrogate escape',
  },
} as const;

/** The column the Spark CSV reader fills with the text of a record it cannot parse (mode PERMISSIVE). */
const CORRUPT_RECORD_COLUMN = '_corrupt_record';

/**
 * Options of Spark's CSV reader (Spark 3.5, Glue 5.0), from LANDING_READER. The job reads each file with a schema made
 * of that file's header plus CORRUPT_RECORD_COLUMN, so a record with another number of fields lands in that column.
 * https://spark.apache.org/docs/3.5.0/sql-data-sources-csv.html
 */
export function sparkCsvOptions(): Record<string, string> {
  const { csv, encoding } = LANDING_READER;
  return {
    sep: csv.delimiter,
    quote: csv.quote,
    escape: csv.escape,
    header: String(csv.header),
    multiLine: String(csv.multiLine),
    encoding,
    inferSchema: 'false',
    // Keep values as written: trimming and NULLs are the SQL's decision.
    ignoreLeadingWhiteSpace: 'false',
    ignoreTrailingWhiteSpace: 'false',
    nullValue: '',
    emptyValue: '',
    mode: 'PERMISSIVE',
    columnNameOfCorruptRecord: CORRUPT_RECORD_COLUMN,
    // Without a limit, an unterminated quote yields one long value instead of failing the run.
    maxCharsPerColumn: '-1',
    // A quote inside an unquoted value is kept as a character, as DuckDB does.
    unescapedQuoteHandling: 'STOP_AT_DELIMITER',
    enforceSchema: 'true',
  };
}

/**
 * Options of Spark's text reader for JSON Lines: one row per line (`\n`, `\r\n` or `\r`), parsed by the job. The text
 * reader decodes UTF-8 only, the declared encoding.
 */
export function sparkJsonLinesOptions(): Record<string, string> {
  return { wholetext: 'false' };
}

/** The `--landing_reader` argument of the landing-to-raw job. */
export function landingReaderArgument(): string {
  return JSON.stringify({
    csv: sparkCsvOptions(),
    json: sparkJsonLinesOptions(),
    corrupt_record_column: CORRUPT_RECORD_COLUMN,
    malformed: LANDING_READER.malformed,
  });
}

/** Options of DuckDB's `read_csv` for the data records of one file whose header has `fieldCount` fields. */
export function duckdbCsvOptions(fieldCount: number): string {
  const { csv } = LANDING_READER;
  const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;
  const columns = Array.from({ length: fieldCount }, (_, i) => `'c${i + 1}': 'VARCHAR'`).join(', ');
  return [
    `delim = ${literal(csv.delimiter)}`, `quote = ${literal(csv.quote)}`, `escape = ${literal(csv.escape)}`,
    `header = ${csv.header}`, `columns = {${columns}}`,
    // Nothing guessed: every option above is the declared one.
    'auto_detect = false', 'all_varchar = true', 'strict_mode = true', 'null_padding = false',
    // As Spark with nullValue '' and emptyValue '': an empty field is NULL, a quoted empty one ''.
    'allow_quoted_nulls = false',
    'ignore_errors = true', 'store_rejects = true', "rejects_table = 'landing_rejects'", "rejects_scan = 'landing_reject_scans'",
  ].join(', ');
}
