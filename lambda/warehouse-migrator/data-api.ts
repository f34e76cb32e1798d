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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The warehouse through the Redshift Data API: no network path to it needed. A batch is one transaction. */
export function dataApiWarehouse(client: RedshiftDataClient, target: DataApiTarget, pollMs = 1000): WarehouseSql {
  const where = { ...dataApiWarehouseParameters(target), Database: target.database, SecretArn: target.secretArn };

  async function finished(id: string): Promise<boolean> {
    for (;;) {
      const statement = await client.send(new DescribeStatementCommand({ Id: id }));
      if (statement.Status === 'FINISHED') return statement.HasResultSet ?? false;
      if (statement.Status === 'FAILED' || statement.Status === 'ABORTED') {
        throw new Error(statement.Error ?? `statement ${id} ${statement.Status}`);
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
