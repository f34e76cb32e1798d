import { buildSync } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * dt-sql-parser's Spark SQL grammar. Its ESM build cannot be loaded by Node directly (directory imports), so its Spark
 * entry point is bundled once with esbuild into node_modules/.cache (never committed). It runs in a plain Node process:
 * the ANTLR parser is about four times slower inside jest's module sandbox.
 */
const ROOT = join(__dirname, '../../..');
const SPARK_ENTRY = join(ROOT, 'node_modules/dt-sql-parser/dist/parser/spark/index.js');
const BUNDLE = join(ROOT, 'node_modules/.cache/dt-sql-parser-4.5.1/spark-sql.js');

export interface SparkSqlError {
  readonly startLine: number;
  readonly startColumn: number;
  readonly message: string;
}

/** Reads a JSON array of SQL texts on stdin and writes, for each, the grammar's errors. */
const VALIDATE_ALL = `
const { SparkSQL } = require(${JSON.stringify(BUNDLE)});
const parser = new SparkSQL();
const texts = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
process.stdout.write(JSON.stringify(texts.map((sql) => parser.validate(sql).map(({ startLine, startColumn, message }) => ({ startLine, startColumn, message })))));
`;

/** The Spark SQL grammar's errors for each text, in order (an empty list for valid Spark SQL): one process for all. */
export function sparkSqlErrors(texts: readonly string[]): SparkSqlError[][] {
  if (!existsSync(BUNDLE)) {
    buildSync({
      stdin: { contents: `export { SparkSQL } from ${JSON.stringify(SPARK_ENTRY)};`, resolveDir: ROOT },
      bundle: true,
      platform: 'node',
      format: 'cjs',
      outfile: BUNDLE,
      logLevel: 'silent',
    });
  }
  return JSON.parse(execFileSync(process.execPath, ['-e', VALIDATE_ALL], { input: JSON.stringify(texts), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
}
