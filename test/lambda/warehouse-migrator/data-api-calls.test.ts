import {
  BatchExecuteStatementCommand, DescribeStatementCommand, ExecuteStatementCommand, GetStatementResultCommand, RedshiftDataClient,
} from '@aws-sdk/client-redshift-data';
import { mockClient } from 'aws-sdk-client-mock';
import { dataApiWarehouse } from '../../../lambda/warehouse-migrator/data-api';

/**
 * The Data API calls the migrator makes, answered by a scripted client: which warehouse each call names, how a statement
 * is waited for, and how a result is read page by page. (handler.test.ts and migrate.test.ts answer them from PostgreSQL.)
 */

const dataApi = mockClient(RedshiftDataClient);
const client = new RedshiftDataClient({ region: 'eu-west-1' });
const CLUSTER = { clusterIdentifier: 'analytics', database: 'dev', secretArn: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:admin' };

beforeEach(() => {
  dataApi.reset();
  dataApi.on(ExecuteStatementCommand).resolves({ Id: 'st-1' });
  dataApi.on(BatchExecuteStatementCommand).resolves({ Id: 'batch-1' });
  dataApi.on(DescribeStatementCommand).resolves({ Status: 'FINISHED' });
});
afterAll(() => dataApi.restore());

test('a statement names the cluster, the database and the secret, and nothing of a workgroup', async () => {
  await dataApiWarehouse(client, CLUSTER, { pollMs: 0 }).execute('SELECT 1');
  expect(dataApi.commandCalls(ExecuteStatementCommand)[0].args[0].input).toEqual({
    ClusterIdentifier: 'analytics', Database: 'dev', SecretArn: CLUSTER.secretArn, Sql: 'SELECT 1',
  });
});

test('on Redshift Serverless a statement names the workgroup instead', async () => {
  await dataApiWarehouse(client, { workgroupName: 'lake', database: 'dev', secretArn: 's' }, { pollMs: 0 }).execute('SELECT 1');
  expect(dataApi.commandCalls(ExecuteStatementCommand)[0].args[0].input).toEqual({ WorkgroupName: 'lake', Database: 'dev', SecretArn: 's', Sql: 'SELECT 1' });
});

test('a transaction is one batch of every statement, in order', async () => {
  await dataApiWarehouse(client, CLUSTER, { pollMs: 0 }).transaction(['CREATE TABLE a (x INT)', 'DROP TABLE b']);
  expect(dataApi.commandCalls(BatchExecuteStatementCommand)[0].args[0].input)
    .toMatchObject({ ClusterIdentifier: 'analytics', Sqls: ['CREATE TABLE a (x INT)', 'DROP TABLE b'] });
  expect(dataApi.commandCalls(DescribeStatementCommand)[0].args[0].input).toEqual({ Id: 'batch-1' });
});

test('a statement still submitted, picked or started is asked about again, a poll interval later, until it finishes', async () => {
  dataApi.on(DescribeStatementCommand)
    .resolvesOnce({ Status: 'SUBMITTED' }).resolvesOnce({ Status: 'PICKED' }).resolvesOnce({ Status: 'STARTED' })
    .resolves({ Status: 'FINISHED' });
  const sleeps: number[] = [];
  await dataApiWarehouse(client, CLUSTER, { pollMs: 20, sleep: async (ms) => { sleeps.push(ms); } }).execute('VACUUM');
  expect(dataApi.commandCalls(DescribeStatementCommand)).toHaveLength(4);
  expect(sleeps).toEqual([20, 20, 20]);
});

test('a failed statement fails with the warehouse\'s error', async () => {
  dataApi.on(DescribeStatementCommand).resolves({ Status: 'FAILED', Error: 'ERROR: relation "t" does not exist' });
  await expect(dataApiWarehouse(client, CLUSTER, { pollMs: 0 }).execute('SELECT * FROM t')).rejects.toThrow('ERROR: relation "t" does not exist');
});

test.each(['FAILED', 'ABORTED'] as const)('a statement %s without an error text says so, by id', async (status) => {
  dataApi.on(DescribeStatementCommand).resolves({ Status: status });
  await expect(dataApiWarehouse(client, CLUSTER, { pollMs: 0 }).transaction(['SELECT 1'])).rejects.toThrow(`statement batch-1 ${status}`);
});

test('a query without a result set returns no rows and asks for none', async () => {
  expect(await dataApiWarehouse(client, CLUSTER, { pollMs: 0 }).query('DELETE FROM t')).toEqual([]);
  expect(dataApi.commandCalls(GetStatementResultCommand)).toHaveLength(0);
});

test('a query reads every page of its result, each value as text and an empty one as \'\'', async () => {
  dataApi.on(DescribeStatementCommand).resolves({ Status: 'FINISHED', HasResultSet: true });
  dataApi.on(GetStatementResultCommand)
    .resolvesOnce({ Records: [[{ stringValue: 'core/V001' }, { stringValue: 'aa' }]], NextToken: 'page-2' })
    .resolvesOnce({ Records: [[{ stringValue: 'core/V002' }, { isNull: true }]] });
  const rows = await dataApiWarehouse(client, CLUSTER, { pollMs: 0 }).query('SELECT migration_id, checksum FROM h');
  expect(rows).toEqual([['core/V001', 'aa'], ['core/V002', '']]);
  expect(dataApi.commandCalls(GetStatementResultCommand).map((c) => c.args[0].input))
    .toEqual([{ Id: 'st-1', NextToken: undefined }, { Id: 'st-1', NextToken: 'page-2' }]);
});

test('a page without records adds none', async () => {
  dataApi.on(DescribeStatementCommand).resolves({ Status: 'FINISHED', HasResultSet: true });
  dataApi.on(GetStatementResultCommand).resolves({});
  expect(await dataApiWarehouse(client, CLUSTER, { pollMs: 0 }).query('SELECT 1 WHERE false')).toEqual([]);
});
