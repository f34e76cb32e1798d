import {
  BatchExecuteStatementCommand, DescribeStatementCommand, ExecuteStatementCommand, GetStatementResultCommand,
  type RedshiftDataClient,
} from '@aws-sdk/client-redshift-data';
import { type DataApiWarehouse, dataApiWarehouseParameters } from '../../lib/warehouse/data-api-target';
import type { WarehouseSql } from './migrate';

/** A database of a cluster or a serverless workgroup, reached with the credentials of a secret. */
export type DataApiTarget = DataApiWarehouse & {
  readonly database: string;
  readonly secretArn: string;
};

export interface DataApiPolling {
  /** Wait between two DescribeStatement calls. @default 1000 */
  readonly pollMs?: number;
  /** Epoch milliseconds after which a statement still running is reported as a failure. @default never */
  readonly deadline?: number;
  /** The clock and the wait; tests pass fakes. */
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The warehouse through the Redshift Data API: no network path to it needed. A batch is one transaction. A statement is
 * polled until FINISHED; FAILED and ABORTED throw with the warehouse's error, and so does a statement still SUBMITTED,
 * PICKED or STARTED at the deadline (statuses:
 * https://docs.aws.amazon.com/redshift-data/latest/APIReference/API_DescribeStatement.html). A result longer than one
 * GetStatementResult page is read page by page, following NextToken until it is empty
 * (https://docs.aws.amazon.com/redshift-data/latest/APIReference/API_GetStatementResult.html).
 */
export function dataApiWarehouse(client: RedshiftDataClient, target: DataApiTarget, polling: DataApiPolling = {}): WarehouseSql {
  const where = { ...dataApiWarehouseParameters(target), Database: target.database, SecretArn: target.secretArn };
  const { pollMs = 1000, deadline = Infinity, now = Date.now, sleep = realSleep } = polling;

  async function finished(id: string): Promise<boolean> {
    for (;;) {
      const statement = await client.send(new DescribeStatementCommand({ Id: id }));
      if (statement.Status === 'FINISHED') return statement.HasResultSet ?? false;
      if (statement.Status === 'FAILED' || statement.Status === 'ABORTED') {
        throw new Error(statement.Error ?? `statement ${id} ${statement.Status}`);
      }
      if (now() + pollMs > deadline) {
        throw new Error(`statement ${id} was still ${statement.Status} when the migrator had to answer; it may still finish (see the warehouse's query history)`);
      }
      await sleep(pollMs);
    }
  }

  return {
    async execute(sql) {
      const { Id } = await client.send(new ExecuteStatementCommand({ ...where, Sql: sql }));
      await finished(Id!);
    },
    async query(sql) {
      const { Id } = await client.send(new ExecuteStatementCommand({ ...where, Sql: sql }));
      if (!(await finished(Id!))) return [];
      const rows: string[][] = [];
      let nextToken: string | undefined;
      do {
        const page = await client.send(new GetStatementResultCommand({ Id: Id!, NextToken: nextToken }));
        for (const record of page.Records ?? []) rows.push(record.map((field) => field.stringValue ?? ''));
        nextToken = page.NextToken;
      } while (nextToken);
      return rows;
    },
    async transaction(statements) {
      const { Id } = await client.send(new BatchExecuteStatementCommand({ ...where, Sqls: [...statements] }));
      await finished(Id!);
    },
  };
}
