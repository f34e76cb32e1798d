import type { DuckDBConnection } from '@duckdb/node-api';
import { readFileSync, writeFileSync } from 'node:fs';
import { columnNames, type Dataset } from '../lib/contracts';
import { duckdbCsvOptions, LANDING_READER } from '../lib/etl/landing-reader';
import type { LandingFormat } from '../lib/etl/glue-job-plan';

/**
 * The local reader of landing files, on DuckDB, with the options of LANDING_READER (lib/etl/landing-reader.ts), the
 * declaration the Glue job's Spark reader uses too. It appends each file's records to the view `landing_<dataset>`:
 * every contract column as text (NULL when the file lacks it), `_source_file`, `_raw_record`, `_unexpected_columns`
 * and `_malformed_reason` (NULL for a record that could be read).
 */

/** The landing view's columns after the contract's, in order. */
export const LANDING_VIEW_EXTRA_COLUMNS = ['_source_file', '_raw_record', '_unexpected_columns', '_malformed_reason'] as const;

/** The empty view `landing_<dataset>` a dataset's files are appended to, and its validation SQL reads. */
export function createLandingViewSql(dataset: Dataset): string {
  const columns = [...columnNames(dataset), ...LANDING_VIEW_EXTRA_COLUMNS];
  return `CREATE OR REPLACE TABLE landing_${dataset.name} (${columns.map((c) => `${c} VARCHAR`).join(', ')})`;
}

/** Spark's CSV reader fails beyond 20,480 columns; a header this wide is not a landing file of ours either way. */
const MAX_HEADER_FIELDS = 256;

/** A SQL string literal; NUL, which a literal cannot hold, is spliced in with chr(0). */
const literal = (value: string) => value.split('\0').map((part) => `'${part.replace(/'/g, "''")}'`).join(' || chr(0) || ');

interface LandingFile {
  readonly path: string;
  readonly format: LandingFormat;
}

/** Bytes as Spark decodes them with encoding UTF-8: invalid bytes become U+FFFD; a leading byte-order mark is dropped. */
function decodeLandingFile(path: string): string {
  return new TextDecoder('utf-8').decode(readFileSync(path));
}

/** Loads one landing file into `view`; `scratch` is a file path the reader may overwrite. */
export async function loadLandingFile(connection: DuckDBConnection, view: string, columns: readonly string[], file: LandingFile, scratch: string): Promise<void> {
  const text = decodeLandingFile(file.path);
  if (file.format === 'csv') await loadCsv(connection, view, columns, file.path, text, scratch);
  else await loadJsonLines(connection, view, columns, file.path, text);
}

/**
 * Splits off a final record whose quoted value never closes: Spark's reader (maxCharsPerColumn -1) takes the rest of the
 * file as that value and the record as malformed; DuckDB would drop it without a word. Quotes are counted first, since
 * with `escape` equal to `quote` an even count means every quoted value is closed.
 */
function splitUnterminatedRecord(text: string): { complete: string; unterminated?: string } {
  const { quote, delimiter } = LANDING_READER.csv;
  let quotes = 0;
  for (let i = text.indexOf(quote); i >= 0; i = text.indexOf(quote, i + 1)) quotes++;
  if (quotes % 2 === 0) return { complete: text };
  // A quote opens a quoted value only at the start of a field; inside one, a doubled quote is a quote.
  let inQuote = false;
  let fieldStart = true;
  let recordStart = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (inQuote) {
      if (char === quote) {
        if (text[i + 1] === quote) i++;
        else inQuote = false;
      }
    } else if (char === quote && fieldStart) {
      inQuote = true;
      fieldStart = false;
    } else if (char === delimiter || char === '\n') {
      fieldStart = true;
      if (char === '\n') recordStart = i + 1;
    } else {
      fieldStart = false;
    }
  }
  return inQuote ? { complete: text.slice(0, recordStart), unterminated: text.slice(recordStart) } : { complete: text };
}

/**
 * Column names as Spark makes them safe (CSVUtils.makeSafeHeader, case-insensitive): an empty name becomes `_c<i>`, and
 * every copy of a repeated name becomes `<name><i>`, so a repeated contract column is missing, never guessed.
 */
function safeHeader(fields: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const field of fields) counts.set(field.toLowerCase(), (counts.get(field.toLowerCase()) ?? 0) + 1);
  return fields.map((field, i) => {
    if (field === '') return `_c${i}`;
    return (counts.get(field.toLowerCase()) ?? 0) > 1 ? `${field}${i}` : field;
  });
}

async function loadCsv(connection: DuckDBConnection, view: string, columns: readonly string[], path: string, text: string, scratch: string): Promise<void> {
  const { complete, unterminated } = splitUnterminatedRecord(text.replace(/^(\r?\n)+/, ''));
  const sourceFile = literal(path);
  const malformed = async (rawRecord: string, reason: string) => connection.run(`INSERT INTO ${view}
    (${LANDING_VIEW_EXTRA_COLUMNS.join(', ')}) VALUES (${sourceFile}, ${literal(rawRecord)}, '', ${literal(reason)})`);
  if (complete.trim() !== '') {
    writeFileSync(scratch, complete);
    const header = safeHeader(await readHeader(connection, scratch));
    const field = (name: string) => `c${header.indexOf(name) + 1}`;
    const extra = header.filter((name) => !columns.includes(name));
    await connection.run('DROP TABLE IF EXISTS landing_rejects; DROP TABLE IF EXISTS landing_reject_scans');
    await connection.run(`INSERT INTO ${view} SELECT
      ${columns.map((c) => (header.includes(c) ? field(c) : 'NULL')).join(', ')},
      ${sourceFile},
      to_json(json_object(${header.map((name) => `${literal(name)}, ${field(name)}`).join(', ')})),
      ${extra.length === 0 ? "''" : `concat_ws(', ', ${extra.map((name) => `CASE WHEN ${field(name)} <> '' THEN ${literal(name)} END`).join(', ')})`},
      NULL
      FROM read_csv(${literal(scratch)}, ${duckdbCsvOptions(header.length)})`);
    // DuckDB may log one bad line once per buffer it is seen in.
    const rejects = await connection.runAndReadAll('SELECT DISTINCT line, error_type, csv_line FROM landing_rejects ORDER BY line');
    for (const [, errorType, csvLine] of rejects.getRows() as [bigint, string, string][]) await malformed(csvLine, csvRejectReason(errorType));
  }
  if (unterminated !== undefined) await malformed(unterminated, LANDING_READER.malformed.csvUnterminatedQuote);
}

/** A null marker no header holds, so an empty header field reads as '' and only padding reads as NULL. */
const NO_NULL = '\u0001';

async function readHeader(connection: DuckDBConnection, scratch: string): Promise<string[]> {
  const generic = Array.from({ length: MAX_HEADER_FIELDS }, (_, i) => `'h${i + 1}': 'VARCHAR'`).join(', ');
  const { csv } = LANDING_READER;
  const reader = await connection.runAndReadAll(`SELECT * FROM read_csv(${literal(scratch)}, delim = ${literal(csv.delimiter)},
    quote = ${literal(csv.quote)}, escape = ${literal(csv.escape)}, header = false, columns = {${generic}}, auto_detect = false,
    all_varchar = true, null_padding = true, nullstr = ${literal(NO_NULL)}, parallel = false, strict_mode = false) LIMIT 1`);
  const [row] = reader.getRows() as (string | null)[][];
  return (row ?? []).filter((value): value is string => value !== null);
}

function csvRejectReason(errorType: string): string {
  const { malformed } = LANDING_READER;
  if (errorType === 'TOO MANY COLUMNS' || errorType === 'MISSING COLUMNS') return malformed.csvFieldCount;
  if (errorType === 'UNQUOTED VALUE') return malformed.csvQuoting;
  return `malformed CSV record: ${errorType.toLowerCase()}`;
}

/** `\uD800`–`\uDBFF` not followed by `\uDC00`–`\uDFFF`, or the low half alone: JSON text that names no character. */
const UNPAIRED_SURROGATE = /\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2}/;

async function loadJsonLines(connection: DuckDBConnection, view: string, columns: readonly string[], path: string, text: string): Promise<void> {
  await connection.run('CREATE OR REPLACE TEMP TABLE landing_json_lines (line VARCHAR, unpaired_surrogate BOOLEAN)');
  const appender = await connection.createAppender('landing_json_lines');
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (line.trim() === '') continue;
    appender.appendVarchar(line);
    appender.appendBoolean(line.includes('\\u') && UNPAIRED_SURROGATE.test(line));
    appender.endRow();
  }
  appender.closeSync();
  const { malformed } = LANDING_READER;
  const known = `[${columns.map(literal).join(', ')}]`;
  await connection.run(`INSERT INTO ${view}
    WITH parsed AS (
      SELECT line, CASE WHEN unpaired_surrogate THEN ${literal(malformed.unpairedSurrogate)}
        WHEN NOT json_valid(line) OR json_type(line) <> 'OBJECT' THEN ${literal(malformed.jsonNotAnObject)} END AS unreadable
      FROM landing_json_lines
    ),
    checked AS (
      SELECT line, CASE WHEN unreadable IS NOT NULL THEN unreadable
        WHEN len(json_keys(line)) <> len(list_distinct(json_keys(line))) THEN ${literal(malformed.jsonDuplicateKey)} END AS malformed_reason
      FROM parsed
    )
    SELECT
      ${columns.map((c) => `CASE WHEN malformed_reason IS NULL THEN line ->> ${literal(`$."${c}"`)} END`).join(', ')},
      ${literal(path)}, line,
      CASE WHEN malformed_reason IS NULL THEN array_to_string(list_filter(json_keys(line), k -> NOT list_contains(${known}, k)), ', ') ELSE '' END,
      malformed_reason
    FROM checked`);
}
