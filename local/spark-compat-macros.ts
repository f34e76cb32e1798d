/**
 * The Spark SQL functions the `.sql` files use that DuckDB lacks or names differently, defined as DuckDB macros with
 * Spark's semantics for the arguments the files pass. Listed in glue-scripts/sql/README.md; keep the two in step.
 */
export const SPARK_COMPAT_MACROS: Readonly<Record<string, string>> = {
  'regexp_like(s, pattern)': 'regexp_matches(s, pattern)',
  // Spark's trim(s) strips only U+0020, DuckDB's strips any white space; both strip exactly `chars` here. DuckDB's
  // trim(s, chars) is slow: when only spaces are to go, a value that trim(s) leaves alone (the usual case) needs none.
  'btrim(s, chars)': "CASE WHEN chars = ' ' AND s = trim(s) THEN s ELSE trim(s, chars) END",
  // Only SHA-256 is used (bits = 256).
  'sha2(s, bits)': 'sha256(s)',
  // Only the 'utf-8' format is used: the string's UTF-8 bytes.
  'to_binary(s, fmt)': 'encode(s)',
  'size(l)': 'len(l)',
  // Spark's 1-based element_at on arrays; DuckDB's list_extract is 1-based as well.
  'element_at(l, i)': 'list_extract(l, i)',
  // Both ends included, and counting down when start > stop, as Spark's sequence(start, stop) does
  // (https://spark.apache.org/docs/latest/api/python/reference/pyspark.sql/api/pyspark.sql.functions.sequence.html):
  // sequence(1, 0) is [1, 0] on Glue, so a guard against an empty array must hold here too.
  'sequence(start, stop)': 'generate_series(start, stop, CASE WHEN start <= stop THEN 1 ELSE -1 END)',
  // In a SELECT list, DuckDB's unnest produces one row per element, as Spark's explode does.
  'explode(l)': 'unnest(l)',
};

export const SPARK_COMPAT_MACRO_DDL = Object.entries(SPARK_COMPAT_MACROS)
  .map(([signature, body]) => `CREATE OR REPLACE MACRO ${signature} AS ${body};`)
  .join('\n');
