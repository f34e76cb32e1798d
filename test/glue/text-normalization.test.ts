import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { maskEmail } from '../../lambda/orders-cdc-forwarder/email-mask';
import { CURATED_CUSTOMERS, KEY_NORMALIZATION, normalizeText } from '../../lib/contracts';
import { duckdbType } from '../../local/duckdb-types';
import { EMAIL_HASH_KEY_VIEW, hmacPads } from '../../local/email-hash-key-view';
import { readSql } from '../../local/local-glue-jobs';
import { TRICKY_TEXTS } from '../support/tricky-texts';
import { localGlueSession } from './support/local-glue-session';

/**
 * One normalization everywhere (lib/contracts/text-normalization.ts): the forwarder's JavaScript and the Glue SQL of the
 * customer dimension (customers_changes.sql, run on DuckDB) must turn every value of the shared table into the same
 * customer id and the same keyed e-mail hash; and the Spark job's NFC function (Python) must compose as JavaScript does.
 */
const KEY = 'text-normalization-test-key';
const session = localGlueSession();
const sqlText = (value: string) => `'${value.replace(/'/g, "''")}'`;

/** customers_changes.sql over one raw customer per (customer_id, email), with no customer curated before. */
async function curatedCustomers(rows: ReadonlyArray<{ customerId: string; email: string }>): Promise<Array<{ customer_id: string; email_hash: string }>> {
  const values = rows.map((r, i) => `(${sqlText(r.customerId)}, ${sqlText(r.email)}, 'Name', 'DE', 'CONSUMER', DATE '2026-01-01',
    TIMESTAMP '2026-01-01 00:00:00' + INTERVAL (${i}) SECOND, '2026-01-02')`);
  await session.jobs.connection.run(`CREATE OR REPLACE TABLE raw_customers AS SELECT * FROM (VALUES ${values.join(', ')})
    AS t(customer_id, email, full_name, country, segment, signup_date, updated_at, ingest_date)`);
  await session.jobs.connection.run(`CREATE OR REPLACE TABLE customers AS SELECT ${CURATED_CUSTOMERS.columns
    .map((c) => `CAST(NULL AS ${duckdbType(c.type)}) AS ${c.name}`).join(', ')} WHERE FALSE`);
  return session.jobs.query(readSql('customers_changes.sql'));
}

let hashBySqlRow: Map<string, string>;
let sqlCustomerIds: string[];

beforeAll(async () => {
  const { innerPad, outerPad } = hmacPads(KEY);
  await session.jobs.connection.run(`CREATE OR REPLACE TABLE ${EMAIL_HASH_KEY_VIEW} AS
    SELECT unhex('${innerPad.toString('hex')}') AS inner_pad, unhex('${outerPad.toString('hex')}') AS outer_pad`);
  const byEmail = await curatedCustomers(TRICKY_TEXTS.map(([, value], i) => ({ customerId: `CUST-${i}`, email: value })));
  hashBySqlRow = new Map(byEmail.map((row) => [row.customer_id, row.email_hash]));
  sqlCustomerIds = (await curatedCustomers(TRICKY_TEXTS.map(([, value]) => ({ customerId: value, email: 'x@example.com' }))))
    .map((row) => row.customer_id);
});

test('the table is large enough to mean something', () => {
  expect(TRICKY_TEXTS.length).toBeGreaterThanOrEqual(30);
});

describe.each(TRICKY_TEXTS.map(([label, value], i) => [label, value, i] as const))('%s', (_label, value, i) => {
  test('hashes to the same keyed e-mail hash in the forwarder and in the curated SQL', () => {
    expect(hashBySqlRow.get(`CUST-${i}`)).toBe(maskEmail(value, KEY));
  });

  test('as a key, normalizes to the same customer id in JavaScript and in the curated SQL', () => {
    expect(sqlCustomerIds).toContain(normalizeText(value, KEY_NORMALIZATION));
  });
});

test('keys that normalize alike become one customer in the SQL, as in JavaScript', () => {
  expect([...sqlCustomerIds].sort()).toEqual([...new Set(TRICKY_TEXTS.map(([, value]) => normalizeText(value, KEY_NORMALIZATION)))].sort());
});

test('the Spark job\'s nfc_normalize (Python) composes every value as JavaScript does', () => {
  const script = join(__dirname, '../../glue-scripts/raw_to_curated.py');
  // The script imports Glue modules that do not exist here: only its nfc_normalize function is taken from it and run.
  const program = `
import ast, json, sys, unicodedata
tree = ast.parse(open(sys.argv[1], encoding='utf-8').read())
wanted = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == 'nfc_normalize']
scope = {'unicodedata': unicodedata}
exec(compile(ast.Module(body=wanted, type_ignores=[]), sys.argv[1], 'exec'), scope)
print(json.dumps([scope['nfc_normalize'](value) for value in json.load(sys.stdin)]))
`;
  const values = TRICKY_TEXTS.map(([, value]) => value);
  const result = spawnSync('/usr/bin/python3', ['-c', program, script], { input: JSON.stringify(values), encoding: 'utf8' });
  expect(result.stderr).toBe('');
  expect(JSON.parse(result.stdout)).toEqual(values.map((value) => value.normalize('NFC')));
});
