import {
  BatchExecuteStatementCommand, DescribeStatementCommand, ExecuteStatementCommand, GetStatementResultCommand,
  RedshiftDataClient,
} from '@aws-sdk/client-redshift-data';
import { mockClient } from 'aws-sdk-client-mock';
import type { Client } from 'pg';

/**
 * The Redshift Data API, answered by a real PostgreSQL database: no local Data API exists, but the SQL it would run
 * can run. ExecuteStatement runs one statement; BatchExecuteStatement runs its statements in one transaction, as the
 * Data API does. Statements finish before their id is returned, so DescribeStatement never reports them as running.
 * Each request must name exactly one warehouse, a cluster or a workgroup, as the Data API requires.
 */
export interface FakeRedshiftData {
  /** Every SQL text received, in order (batches flattened). */
  readonly received: string[];
  /** The warehouse each request named, in order: `cluster:<id>` or `workgroup:<name>`. */
  readonly warehouses: string[];
  restore(): void;
}

export function fakeRedshiftData(db: Client): FakeRedshiftData {
  const mock = mockClient(RedshiftDataClient);
  const statements = new Map<string, { error?: string; rows?: string[][] }>();
  const received: string[] = [];
  const warehouses: string[] = [];
  let next = 0;

  const run = async (sqls: string[], transactional: boolean, target: { ClusterIdentifier?: string; WorkgroupName?: string }) => {
    if (!target.ClusterIdentifier === !target.WorkgroupName) {
      throw new Error('ValidationException: specify exactly one of ClusterIdentifier and WorkgroupName');
    }
    warehouses.push(target.WorkgroupName ? `workgroup:${target.WorkgroupName}` : `cluster:${target.ClusterIdentifier}`);
    const id = `statement-${++next}`;
    received.push(...sqls);
    try {
      if (transactional) await db.query('BEGIN');
      let rows: string[][] | undefined;
      for (const sql of sqls) {
        const result = await db.query({ text: sql, rowMode: 'array' });
        rows = result.fields.length > 0 ? result.rows.map((row: unknown[]) => row.map(String)) : undefined;
      }
      if (transactional) await db.query('COMMIT');
      statements.set(id, { rows });
    } catch (error) {
      if (transactional) await db.query('ROLLBACK');
      statements.set(id, { error: (error as Error).message });
    }
    return { Id: id };
  };

  mock.on(ExecuteStatementCommand).callsFake((input) => run([input.Sql], false, input));
  mock.on(BatchExecuteStatementCommand).callsFake((input) => run(input.Sqls, true, input));
  mock.on(DescribeStatementCommand).callsFake((input) => {
    const statement = statements.get(input.Id)!;
    return statement.error !== undefined
      ? { Id: input.Id, Status: 'FAILED', Error: statement.error }
      : { Id: input.Id, Status: 'FINISHED', HasResultSet: statement.rows !== undefined };
  });
  mock.on(GetStatementResultCommand).callsFake((input) => ({
    Records: (statements.get(input.Id)!.rows ?? []).map((row) => row.map((value) => ({ stringValue: value }))),
  }));
  return { received, warehouses, restore: () => mock.restore() };
}
