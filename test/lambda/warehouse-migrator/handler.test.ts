import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CloudFormationCustomResourceEvent, Context } from 'aws-lambda';
import { CORE_MIGRATIONS_DIR, postgresStatements, readMigrations } from '../../../lib/warehouse/migrations';
import { fakeRedshiftData, type FakeRedshiftData, type FakeRedshiftDataOptions } from '../../support/fake-redshift-data';
import { freshWarehouses, type FreshWarehouses } from '../../support/fresh-warehouses';
import { startPostgres, type PostgresServer } from '../../support/postgres';

/**
 * The custom resource protocol: the handler must answer CloudFormation's pre-signed URL in every case, or the deploy
 * hangs for an hour. A local HTTP server stands for that URL; the Data API is answered by PostgreSQL, a new database
 * for each test, so that each starts from a warehouse that has never been migrated.
 */
let server: PostgresServer;
let warehouses: FreshWarehouses;
let dataApi: FakeRedshiftData | undefined;
let responses: Server;
let responseUrl: string;
let received: Record<string, unknown>[] = [];
let handler: typeof import('../../../lambda/warehouse-migrator/handler').handler;
let ANSWER_MARGIN_MS: number;
const saved = { ...process.env };

const MIGRATIONS = readMigrations(CORE_MIGRATIONS_DIR, 'core').map((m) => ({ id: m.id, checksum: m.checksum, statements: postgresStatements(m) }));
/** An invocation with `ms` left before the function times out. */
const contextLeaving = (ms: number) => ({ logStreamName: '2026/11/23/[$LATEST]abc', getRemainingTimeInMillis: () => ms }) as Context;
/** The migrator's timeout (15 minutes) with a minute used: time enough for any statement here. */
const context = contextLeaving(14 * 60_000);

const CLUSTER = { ClusterIdentifier: 'ecommerce-dev-warehouse' };

function eventOf(requestType: 'Create' | 'Update' | 'Delete', migrations = MIGRATIONS,
  warehouse: Record<string, string> = CLUSTER): CloudFormationCustomResourceEvent {
  return {
    RequestType: requestType,
    ResponseURL: responseUrl,
    StackId: 'arn:aws:cloudformation:eu-west-1:123456789012:stack/ecommerce-dev-warehouse/1',
    RequestId: `request-${received.length}`,
    LogicalResourceId: 'Schema42171392',
    ResourceType: 'Custom::WarehouseSchema',
    ServiceToken: 'arn:aws:lambda:eu-west-1:123456789012:function:migrator',
    ResourceProperties: {
      ServiceToken: 'arn:aws:lambda:eu-west-1:123456789012:function:migrator',
      ...warehouse, Database: 'analytics', SecretArn: 'arn:secret', Migrations: migrations,
    },
    ...(requestType === 'Create' ? {} : { PhysicalResourceId: 'warehouse-schema', OldResourceProperties: {} }),
  } as CloudFormationCustomResourceEvent;
}

/** A warehouse never migrated, answering through the Data API as `options` say. */
async function newWarehouse(options: FakeRedshiftDataOptions = {}): Promise<void> {
  dataApi?.restore();
  dataApi = fakeRedshiftData(await warehouses.create(), options);
}

beforeAll(async () => {
  server = await startPostgres();
  warehouses = await freshWarehouses(server);
  responses = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => { body += chunk; });
    request.on('end', () => {
      received.push({ method: request.method, ...JSON.parse(body) });
      response.end();
    });
  });
  await new Promise<void>((resolve) => responses.listen(0, '127.0.0.1', resolve));
  responseUrl = `http://127.0.0.1:${(responses.address() as AddressInfo).port}/presigned`;
  Object.assign(process.env, { AWS_REGION: 'eu-west-1', POWERTOOLS_LOG_LEVEL: 'SILENT', POWERTOOLS_SERVICE_NAME: 'warehouse-migrator' });
  ({ handler, ANSWER_MARGIN_MS } = await import('../../../lambda/warehouse-migrator/handler'));
});

afterAll(async () => {
  process.env = saved;
  await new Promise((resolve) => responses?.close(resolve));
  await warehouses?.close();
  server?.stop();
});

beforeEach(async () => {
  received = [];
  await newWarehouse();
});

afterEach(async () => {
  dataApi?.restore();
  dataApi = undefined;
  await warehouses.dropAll();
});

test('create applies the migrations and answers SUCCESS with what it applied', async () => {
  await handler(eventOf('Create'), context);
  expect(received).toEqual([expect.objectContaining({
    method: 'PUT', Status: 'SUCCESS', PhysicalResourceId: 'warehouse-schema', RequestId: 'request-0',
    LogicalResourceId: 'Schema42171392', Data: { Applied: MIGRATIONS.map((m) => m.id).join(',') },
  })]);
});

test('a failing update answers FAILED with the reason, instead of leaving CloudFormation waiting', async () => {
  await handler(eventOf('Create'), context);
  received = [];
  const edited = MIGRATIONS.map((m) => ({ ...m, checksum: 'c'.repeat(64) }));
  await handler(eventOf('Update', edited), context);
  expect(received).toEqual([expect.objectContaining({
    Status: 'FAILED', Reason: expect.stringMatching(/^migration core\/V001 was changed after it was applied.*\(log stream 2026\/11\/23/),
  })]);
});

test('delete leaves the schema alone and answers SUCCESS', async () => {
  const before = dataApi!.received.length;
  await handler(eventOf('Delete'), context);
  expect(dataApi!.received.length).toBe(before);
  expect(received).toEqual([expect.objectContaining({ Status: 'SUCCESS', PhysicalResourceId: 'warehouse-schema' })]);
});

test('a Redshift Serverless warehouse is migrated through its workgroup', async () => {
  const before = dataApi!.warehouses.length;
  await handler(eventOf('Update', MIGRATIONS, { WorkgroupName: 'ecommerce-dev-warehouse' }), context);
  expect(received).toEqual([expect.objectContaining({ Status: 'SUCCESS' })]);
  expect(new Set(dataApi!.warehouses.slice(before))).toEqual(new Set(['workgroup:ecommerce-dev-warehouse']));
});

test.each([
  ['both a cluster and a workgroup', { ...CLUSTER, WorkgroupName: 'wg' }],
  ['neither a cluster nor a workgroup', {}],
])('properties naming %s answer FAILED with the reason, and run nothing', async (_case, warehouse) => {
  const before = dataApi!.received.length;
  await handler(eventOf('Update', MIGRATIONS, warehouse), context);
  expect(received).toEqual([expect.objectContaining({
    Status: 'FAILED', Reason: expect.stringContaining('expected exactly one of ClusterIdentifier and WorkgroupName'),
  })]);
  expect(dataApi!.received.length).toBe(before);
});

// The test's own 20 s timeout is the clock: a migrator that kept polling until its 30 s margin would answer too late.
test('a statement still running when the function must answer fails the deploy at once, with the reason', async () => {
  await newWarehouse({ neverFinishes: (sql) => sql.startsWith('CREATE TABLE IF NOT EXISTS public.schema_migrations') });

  await handler(eventOf('Create'), contextLeaving(ANSWER_MARGIN_MS + 500));

  expect(received).toEqual([expect.objectContaining({
    Status: 'FAILED', Reason: expect.stringMatching(/^statement statement-1 was still STARTED when the migrator had to answer/),
  })]);
}, 20_000);

test('the function keeps 30 seconds of its time to answer CloudFormation', () => {
  expect(ANSWER_MARGIN_MS).toBe(30_000);
});
