import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { replayDays } from '../scripts/local-pipeline/replay-days';

/**
 * Cost follows new data (issue 12): the same volume arrives every day (ORDERS_PER_DAY new orders, status changes and
 * deletes of recent orders, TTL expiries of old ones, an export file), and the nightly batch pipeline (both Glue jobs on
 * DuckDB, the warehouse load on PGlite) runs after each of DAYS days, in one process. Processing day DAYS, with DAYS - 1
 * days of history in every zone, may take at most TARGET_RATIO times processing day 1. Day 1 also lands the catalogue
 * and the customers, and pays the engines' first queries, so the figures of days 5 to 9 are printed beside it.
 */
const DAYS = 30;
const ORDERS_PER_DAY = 200;
const TARGET_RATIO = 1.5;

export default async function (): Promise<void> {
  const outDir = mkdtempSync(join(tmpdir(), 'bench-incremental-'));
  try {
    const replay = await replayDays({ days: DAYS, orders: ORDERS_PER_DAY, seed: 42, outDir });
    const batch = (day: number) => replay.sheets.find((s) => s.day === day && s.run === 1)!.milliseconds.batch;
    const reference = [5, 6, 7, 8, 9].map(batch).sort((a, b) => a - b)[2];
    const last = batch(DAYS);
    console.log(`batch pipeline per day (ms): ${replay.sheets.filter((s) => s.run === 1).map((s) => s.milliseconds.batch).join(' ')}`);
    console.log(`day 1: ${batch(1)} ms; days 5-9 median: ${reference} ms; day ${DAYS} (${DAYS - 1} days of history): ${last} ms`);
    const ratio = last / batch(1);
    console.log(`day ${DAYS} / day 1 = ${ratio.toFixed(2)} (target at most ${TARGET_RATIO}: ${ratio <= TARGET_RATIO ? 'met' : 'NOT met'}); `
      + `day ${DAYS} / median of days 5-9 = ${(last / reference).toFixed(2)}`);
    console.log(`the warehouse equalled the truth after every day: ${replay.balanced}`);
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}
