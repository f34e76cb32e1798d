import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { SPARK_COMPAT_MACRO_DDL } from './spark-compat-macros';

export interface LocalDuckDb {
  readonly instance: DuckDBInstance;
  readonly connection: DuckDBConnection;
}

/**
 * An in-memory DuckDB with the Spark stand-in macros, as the local Glue jobs and their tests run the job SQL on. One
 * thread: the local batches are tiny, where DuckDB's worker threads cost more CPU than they save (the hostile landing
 * inputs test took 13.4 s of CPU on the default threads, 11.3 s on one), and jest runs two test files at once.
 */
export async function openLocalDuckDb(): Promise<LocalDuckDb> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const connection = await instance.connect();
  await connection.run(SPARK_COMPAT_MACRO_DDL);
  return { instance, connection };
}
