import {
  BatchExecuteStatementCommand, DescribeStatementCommand, ExecuteStatementCommand, GetStatementResultCommand,
  RedshiftDataClient, type StatusString,
} from '@aws-sdk/client-redshift-data';
import { mockClient } from 'aws-sdk-client-mock';
import type { Client } from 'pg';

/**
 * The Redshift Data API, answered by a real PostgreSQL database: no local Data API exists, but the SQL it would run
 * can run. ExecuteStatement runs one statement; BatchExecuteStatement runs its statements in one transaction, as the
 * Data API does. Each request must name exactly one warehouse, a cluster or a workgroup, as the Data API requires.
 *
 * By default a statement has finished when its id is returned. Options make it answer as a busy warehouse does, with
 * the statuses of https://docs.aws.amazon.com/redshift-data/latest/APIReference/API_DescribeStatement.html: SUBMITTED,
 * PICKED and STARTED polls before FINISHED or FAILED (with the warehouse's error), ABORTED, a statement that never
 * finishes, and results in pages joined by NextToken, read until a page has none
 * (https://docs.aws.amazon.com/redshift-data/latest/APIReference/API_GetStatementResult.html).
 */
export interface FakeRedshiftDataOptions {
  /** What DescribeStatement reports of every statement, one status per call, before its outcome. @default none */
  readonly statusesBeforeOutcome?: readonly RunningStatus[];
  /** Statements (any of a batch) that stay STARTED forever. @default none */
  readonly neverFinishes?: (sql: string) => boolean;
  /** Statements (any of a batch) stopped by a user: nothing of their request runs, and they end ABORTED. @default none */
  readonly aborts?: (sql: string) => boolean;
  /** Records per GetStatementResult page. @default all on one page */
  readonly recordsPerPage?: number;
}

export type RunningStatus = Extract<StatusString, 'SUBMITTED' | 'PICKED' | 'STARTED'>;

export interface FakeRedshiftData {
  /** Every SQL text received, in order (batches flattened). */
  readonly received: string[];
  /** The warehouse each request named, in order: `cluster:<id>` or `workgroup:<name>`. */
  readonly warehouses: string[];
  /** Every status DescribeStatement answered, in order. */
  readonly described: string[];
  /** The NextToken of every GetStatementResult request, in order (undefined for a first page). */
  readonly pagesRequested: (string | undefined)[];
  restore(): void;
}

interface Statement {
  readonly outcome: 'FINISHED' | 'FAILED' | 'ABORTED' | 'NEVER';
  readonly error?: string;
  readonly rows?: string[][];
  polls: number;
}

export function fakeRedshiftData(db: Client, options: FakeRedshiftDataOptions = {}): FakeRedshiftData {
  const { statusesBeforeOutcome = [], neverFinishes = () => false, aborts = () => false, recordsPerPage = Infinity } = options;
  const mock = mockClient(RedshiftDataClient);
  const statements = new Map<string, Statement>();
  const received: string[] = [];
  const warehouses: string[] = [];
  const described: string[] = [];
  const pagesRequested: (string | undefined)[] = [];
  let next = 0;

  const outcomeOf = async (sqls: string[], transactional: boolean): Promise<Omit<Statement, 'polls'>> => {
    if (sqls.some(aborts)) return { outcome: 'ABORTED' };
    if (sqls.some(neverFinishes)) return { outcome: 'NEVER' };
    try {
      if (transactional) await db.query('BEGIN');
      let rows: string[][] | undefined;
      for (const sql of sqls) {
        const result = await db.query({ text: sql, rowMode: 'array' });
        rows = result.fields.length > 0 ? result.rows.map((row: unknown[]) => row.map(String)) : undefined;
      }
      if (transactional) await db.query('COMMIT');
      return { outcome: 'FINISHED', rows };
    } catch (error) {
      if (transactional) await db.query('ROLLBACK');
      return { outcome: 'FAILED', error: (error as Error).message };
    }
  };

  const run = async (sqls: string[], transactional: boolean, target: { ClusterIdentifier?: string; WorkgroupName?: string }) => {
    if (!target.ClusterIdentifier === !target.WorkgroupName) {
      throw new Error('ValidationException: specify exactly one of ClusterIdentifier and WorkgroupName');
    }
    warehouses.push(target.WorkgroupName ? `workgroup:${target.WorkgroupName}` : `cluster:${target.ClusterIdentifier}`);
    const id = `statement-${++next}`;
    received.push(...sqls);
    statements.set(id, { ...(await outcomeOf(sqls, transactional)), polls: 0 });
    return { Id: id };
  };

  const statementOf = (id: string | undefined): Statement => {
    const statement = id === undefined ? undefined : statements.get(id);
    if (!statement) throw new Error(`ResourceNotFoundException: no statement ${id}`);
    return statement;
  };

  mock.on(ExecuteStatementCommand).callsFake((input) => run([input.Sql], false, input));
  mock.on(BatchExecuteStatementCommand).callsFake((input) => run(input.Sqls, true, input));
  mock.on(DescribeStatementCommand).callsFake((input) => {
    const statement = statementOf(input.Id);
    const poll = statement.polls++;
    const answer = statement.outcome === 'NEVER' ? { Status: 'STARTED' }
      : poll < statusesBeforeOutcome.length ? { Status: statusesBeforeOutcome[poll] }
        : statement.outcome === 'FAILED' ? { Status: 'FAILED', Error: statement.error }
          : statement.outcome === 'ABORTED' ? { Status: 'ABORTED' }
            : { Status: 'FINISHED', HasResultSet: statement.rows !== undefined };
    described.push(answer.Status);
    return { Id: input.Id, ...answer };
  });
  mock.on(GetStatementResultCommand).callsFake((input) => {
    const statement = statementOf(input.Id);
    if (statement.outcome !== 'FINISHED') throw new Error(`ValidationException: statement ${input.Id} has not finished`);
    pagesRequested.push(input.NextToken);
    const start = input.NextToken === undefined ? 0 : Number(/^page-(\d+)$/.exec(input.NextToken)?.[1] ?? NaN);
    if (Number.isNaN(start)) throw new Error(`ValidationException: invalid NextToken ${input.NextToken}`);
    const rows = statement.rows ?? [];
    const end = start + recordsPerPage;
    return {
      Records: rows.slice(start, end).map((row) => row.map((value) => ({ stringValue: value }))),
      TotalNumRows: rows.length,
      ...(end < rows.length ? { NextToken: `page-${end}` } : {}),
    };
  });
  return { received, warehouses, described, pagesRequested, restore: () => mock.restore() };
}
