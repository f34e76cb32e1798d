import { buildSync } from 'esbuild';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * dt-sql-parser's Spark SQL grammar. Its ESM build cannot be loaded by Node directly (directory imports), so its Spark
 * entry point is bundled once with esbuild into node_modules/.cache (never committed) and loaded from there.
 */
const ROOT = join(__dirname, '../../..');
const SPARK_ENTRY = join(ROOT, 'node_modules/dt-sql-parser/dist/parser/spark/index.js');
const BUNDLE = join(ROOT, 'node_modules/.cache/dt-sql-parser-4.5.1/spark-sql.js');

export interface SparkSqlError {
  readonly startLine: number;
  readonly startColumn: number;
  readonly message: string;
}

interface SparkSqlParser {
  validate(sql: string): SparkSqlError[];
}

export function sparkSqlParser(): SparkSqlParser {
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
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { SparkSQL } = require(BUNDLE) as { SparkSQL: new () => SparkSqlParser };
  return new SparkSQL();
}
