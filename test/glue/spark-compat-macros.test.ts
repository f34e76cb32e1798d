import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { openLocalDuckDb } from '../../local/local-duckdb';

/** The local stand-ins for Spark functions give what Spark's documentation gives for the same arguments. */
let instance: DuckDBInstance;
let connection: DuckDBConnection;
beforeAll(async () => {
  ({ instance, connection } = await openLocalDuckDb());
});
afterAll(() => {
  connection.closeSync();
  instance.closeSync();
});

const valueOf = async (expression: string): Promise<unknown> =>
  (await connection.runAndReadAll(`SELECT ${expression} AS v`)).getRowObjectsJson()[0].v;

describe('sequence(start, stop), as Spark documents it', () => {
  test.each([
    ['1, 3', [1, 2, 3]],
    ['2, 2', [2]],
    // Spark counts down when start > stop, so sequence(1, size(empty)) is [1, 0], not empty.
    ['1, 0', [1, 0]],
    ['-2, 2', [-2, -1, 0, 1, 2]],
  ])('sequence(%s)', async (args, expected) => {
    expect(await valueOf(`sequence(${args})`)).toEqual(expected.map(String));
  });
});
