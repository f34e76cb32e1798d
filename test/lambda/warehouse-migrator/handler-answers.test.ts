import {
  BatchExecuteStatementCommand, DescribeStatementCommand, ExecuteStatementCommand, RedshiftDataClient,
} from '@aws-sdk/client-redshift-data';
import type { CloudFormationCustomResourceEvent, Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { ANSWER_MARGIN_MS, handler, PHYSICAL_RESOURCE_ID } from '../../../lambda/warehouse-migrator/handler';

/**
 * What the migrator answers CloudFormation in each case, read from the request it sends to the pre-signed URL; the Data
 * API is a scripted client with an empty history. (handler.test.ts runs the real migrations on PostgreSQL.)
 */

const dataApi = mockClient(RedshiftDataClient);
const context = { logStreamName: '2026/11/30/[$LATEST]f00', getRemainingTimeInMillis: () => 14 * 60_000 } as Context;
const SUM = 'c'.repeat(64);
const MIGRATIONS = [
  { id: 'core/V001', checksum: SUM, statements: ['CREATE TABLE a (x INT)'] },
  { id: 'core/V002', checksum: SUM, statements: ['CREATE TABLE b (x INT)'] },
];

let answers: Array<{ url: string; method?: string; headers?: unknown; body: Record<string, unknown> }>;
let answerStatus: number;

function eventOf(requestType: 'Create' | 'Update' | 'Delete', warehouse: Record<string, string> = { ClusterIdentifier: 'analytics' },
  migrations: unknown = MIGRATIONS): CloudFormationCustomResourceEvent {
  return {
    RequestType: requestType,
    ResponseURL: 'https://cloudformation-custom-resource-response.example/presigned',
    StackId: 'arn:aws:cloudformation:eu-west-1:111122223333:stack/warehouse/1',
    RequestId: 'request-7',
    LogicalResourceId: 'Schema42',
    ResourceType: 'Custom::WarehouseSchema',
    ServiceToken: 'arn:aws:lambda:eu-west-1:111122223333:function:migrator',
    ResourceProperties: { ServiceToken: 'x', ...warehouse, Database: 'dev', SecretArn: 'arn:secret', Migrations: migrations },
    ...(requestType === 'Create' ? {} : { PhysicalResourceId: PHYSICAL_RESOURCE_ID, OldResourceProperties: {} }),
  } as CloudFormationCustomResourceEvent;
}

beforeEach(() => {
  answers = [];
  answerStatus = 200;
  jest.spyOn(global, 'fetch').mockImplementation(async (url, init) => {
    answers.push({ url: String(url), method: init?.method, headers: init?.headers, body: JSON.parse(String(init?.body)) });
    return new Response(null, { status: answerStatus });
  });
  dataApi.reset();
  dataApi.on(ExecuteStatementCommand).resolves({ Id: 'st' });
  dataApi.on(BatchExecuteStatementCommand).resolves({ Id: 'batch' });
  dataApi.on(DescribeStatementCommand).resolves({ Status: 'FINISHED' });
});
afterEach(() => jest.restoreAllMocks());
afterAll(() => dataApi.restore());

test('a create applies the pending migrations and answers SUCCESS with their ids, by PUT to the pre-signed URL', async () => {
  await handler(eventOf('Create'), context);
  expect(dataApi.commandCalls(BatchExecuteStatementCommand)).toHaveLength(2);
  expect(answers).toEqual([{
    url: 'https://cloudformation-custom-resource-response.example/presigned',
    method: 'PUT',
    headers: { 'content-type': '' },
    body: {
      Status: 'SUCCESS',
      Reason: 'log stream 2026/11/30/[$LATEST]f00',
      PhysicalResourceId: 'warehouse-schema',
      StackId: 'arn:aws:cloudformation:eu-west-1:111122223333:stack/warehouse/1',
      RequestId: 'request-7',
      LogicalResourceId: 'Schema42',
      Data: { Applied: 'core/V001,core/V002' },
    },
  }]);
});

test('an update migrates a Redshift Serverless workgroup by its name', async () => {
  await handler(eventOf('Update', { WorkgroupName: 'lake' }), context);
  expect(dataApi.commandCalls(ExecuteStatementCommand)[0].args[0].input).toMatchObject({ WorkgroupName: 'lake', Database: 'dev', SecretArn: 'arn:secret' });
  expect(answers[0].body.Status).toBe('SUCCESS');
});

test('a delete touches nothing (the schema goes with the warehouse) and answers SUCCESS', async () => {
  await handler(eventOf('Delete'), context);
  expect(dataApi.calls()).toHaveLength(0);
  expect(answers[0].body).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'warehouse-schema', Data: { Applied: '' } });
});

test.each([
  ['both a cluster and a workgroup', { ClusterIdentifier: 'analytics', WorkgroupName: 'lake' }],
  ['neither a cluster nor a workgroup', {}],
])('properties naming %s fail the deployment, saying which were given', async (_, warehouse) => {
  await handler(eventOf('Create', warehouse), context);
  expect(dataApi.calls()).toHaveLength(0);
  expect(answers[0].body).toMatchObject({ Status: 'FAILED', Data: { Applied: '' } });
  expect(answers[0].body.Reason).toBe(`expected exactly one of ClusterIdentifier and WorkgroupName, got ${JSON.stringify({
    ClusterIdentifier: (warehouse as Record<string, string>).ClusterIdentifier, WorkgroupName: (warehouse as Record<string, string>).WorkgroupName,
  })} (log stream 2026/11/30/[$LATEST]f00)`);
});

test('a failed migration fails the deployment with its error, cut to 3,000 characters before the log stream', async () => {
  const error = `ERROR: ${'x'.repeat(4000)}`;
  dataApi.on(DescribeStatementCommand, { Id: 'batch' }).resolves({ Status: 'FAILED', Error: error });
  await handler(eventOf('Create'), context);
  const reason = answers[0].body.Reason as string;
  expect(reason).toBe(`${`migration core/V001 failed and was rolled back: ${error}`.slice(0, 3000)} (log stream 2026/11/30/[$LATEST]f00)`);
  expect(reason).toHaveLength(3000 + ' (log stream 2026/11/30/[$LATEST]f00)'.length);
});

test('a throw that is not an Error is still the reason', async () => {
  dataApi.on(ExecuteStatementCommand).callsFake(() => { throw 'throttled'; });
  await handler(eventOf('Create'), context);
  expect(answers[0].body).toMatchObject({ Status: 'FAILED', Reason: 'throttled (log stream 2026/11/30/[$LATEST]f00)' });
});

test('when CloudFormation refuses the answer the invocation fails, so Lambda\'s retry answers again', async () => {
  answerStatus = 403;
  await expect(handler(eventOf('Delete'), context)).rejects.toThrow('CloudFormation did not accept the response: HTTP 403');
});

describe('the migrator answers before Lambda stops it, 30 s ahead of its timeout', () => {
  const leaving = (ms: number) => ({ ...context, getRemainingTimeInMillis: () => ms }) as Context;
  beforeEach(() => jest.useFakeTimers({ doNotFake: ['queueMicrotask'] }));
  afterEach(() => jest.useRealTimers());

  test('a statement still running when less than a poll is left before the margin fails the deployment, naming it', async () => {
    dataApi.on(DescribeStatementCommand).resolves({ Status: 'STARTED' });
    await handler(eventOf('Create'), leaving(ANSWER_MARGIN_MS + 999));
    expect(answers[0].body.Status).toBe('FAILED');
    expect(answers[0].body.Reason).toMatch(/^statement st was still STARTED when the migrator had to answer/);
  });

  test('with time left, a statement that takes a few polls is waited for, and the deployment succeeds', async () => {
    dataApi.on(DescribeStatementCommand).resolvesOnce({ Status: 'STARTED' }).resolvesOnce({ Status: 'STARTED' }).resolves({ Status: 'FINISHED' });
    const answered = handler(eventOf('Create'), leaving(ANSWER_MARGIN_MS + 5_000));
    await jest.advanceTimersByTimeAsync(2_000);
    await answered;
    expect(answers[0].body.Status).toBe('SUCCESS');
  });
});
