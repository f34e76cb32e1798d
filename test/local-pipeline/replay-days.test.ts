import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { QUARANTINED_CHANGES_PREFIX } from '../../lambda/orders-cdc-forwarder/quarantined-change';
import { readQuarantine } from '../../local/local-quarantine';
import type { ReplayResult } from '../../scripts/local-pipeline/replay-days';
import { DAY_RUN_TWICE, EMPTY_DAY, LATE_FILE_DAY } from '../../scripts/local-pipeline/source-days';

/**
 * `npm run pipeline:local -- --days 4`: four days of the shop, the batch pipeline after each (twice on day
 * DAY_RUN_TWICE), the warehouse checked against the truth the simulation keeps after every run. Run as the npm script
 * runs it (PGlite needs Node's own module loader), once for the file.
 */
const ROOT = join(__dirname, '../..');
const DAYS = 4;
let outDir: string;
let replay: ReplayResult;
let printed: string[];

// The replay runs in its own process in about 10 s on a quiet machine; the limit leaves room for a loaded one.
beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'replay-days-'));
  const { stdout } = await promisify(execFile)(join(ROOT, 'node_modules/.bin/tsx'),
    ['scripts/run-local-pipeline.ts', '--days', String(DAYS), '--orders', '4', '--seed', '7', '--out', outDir], { cwd: ROOT });
  printed = stdout.split('\n\n').filter((text) => text.startsWith('Day '));
  replay = JSON.parse(readFileSync(join(outDir, 'days.json'), 'utf8'));
}, 180_000);

afterAll(() => {
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

const sheetOf = (day: number, run = 1) => replay.sheets.find((s) => s.day === day && s.run === run)!;

test('after every run the warehouse equals the truth: the same orders and statuses, the same revenue per day, region, category and currency', () => {
  expect(replay.sheets.map((s) => [s.day, s.run, s.mismatches])).toEqual([[1, 1, []], [2, 1, []], [2, 2, []], [3, 1, []], [4, 1, []]]);
  expect(replay.balanced).toBe(true);
  expect(sheetOf(DAYS).warehouse.orders).toBe(sheetOf(DAYS).truth.orders);
});

test('the days hold deletes, TTL expiries kept as history, and an export file arriving late for day 1', () => {
  expect(sheetOf(LATE_FILE_DAY).truth.expiredKept).toBeGreaterThan(0);
  expect(sheetOf(LATE_FILE_DAY).changes.orders_changes.deletes).toBeGreaterThan(0);
  expect(printed.find((text) => text.startsWith(`Day ${LATE_FILE_DAY} `))).toMatch(/lateExportedOrders 2/);
});

test('a delete whose old image fails the contract removes the order by its key, the image quarantined', () => {
  expect(printed.find((text) => text.startsWith(`Day ${DAY_RUN_TWICE} `))).toMatch(/keyOnlyDeletes 1/);
  const reasons = readQuarantine(join(outDir, 'quarantine'), QUARANTINED_CHANGES_PREFIX).map(({ document }) => String(document.reason));
  expect(reasons.filter((reason) => reason.startsWith('deleted by its key only; the old image: status: "ON_HOLD"'))).toHaveLength(DAYS - 2);
  expect(sheetOf(DAY_RUN_TWICE).mismatches).toEqual([]);
});

test('each run reads only the raw files that arrived since the last one', () => {
  expect(sheetOf(1).rawFilesRead).toMatchObject({ order_changes: 1, order_line_exports: 1, products: 1, customers: 1 });
  expect(sheetOf(4).rawFilesRead).toMatchObject({ order_changes: 1, customers: 0 });
});

test('a day without orders and a night run twice are successes that change nothing', () => {
  for (const sheet of [sheetOf(EMPTY_DAY), sheetOf(DAY_RUN_TWICE, 2)]) {
    expect(Object.values(sheet.rawFilesRead).every((n) => n === 0)).toBe(true);
    expect(Object.values(sheet.batchesApplied).every((n) => n === 0)).toBe(true);
  }
});

test('each run prints its balance sheet', () => {
  expect(printed).toHaveLength(replay.sheets.length);
  expect(printed[0]).toMatch(/^Day 1 \(2026-11-01\): batch pipeline \d+ ms/);
  expect(printed.join('\n\n')).not.toContain('NOT BALANCED');
  expect(printed.every((text) => text.includes('balanced: the warehouse equals the truth'))).toBe(true);
});
