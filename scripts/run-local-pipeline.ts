import { parseArgs } from 'node:util';
import { replayDays } from './local-pipeline/replay-days';
import { DEFAULT_OUT_DIR, runLocalPipeline } from './local-pipeline/run-pipeline';
import { DEFAULT_SAMPLE_OPTIONS } from './local-pipeline/sample-data';

/** New orders a day when replaying days. */
const DEFAULT_DAILY_ORDERS = 40;

/**
 * `npm run pipeline:local -- [--days N] [--orders N] [--seed N] [--out DIR]`: exits 1 when the balance sheet does not add
 * up, or, with --days, when the warehouse differs from the truth after any day.
 */
const USAGE = `Usage: npm run pipeline:local -- [--days N] [--orders N] [--seed N] [--out DIR]
  --days    replay N days, the batch pipeline after each, checking the warehouse against the truth (default: one run)
  --orders  orders written to the DynamoDB table (default ${DEFAULT_SAMPLE_OPTIONS.orders}; with --days, new orders a day, default ${DEFAULT_DAILY_ORDERS})
  --seed    seed of the sample data (default ${DEFAULT_SAMPLE_OPTIONS.seed})
  --out     output directory (default .local-pipeline)`;

function positiveInteger(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name}: expected a positive integer, got ${JSON.stringify(text)}`);
  return value;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { days: { type: 'string' }, orders: { type: 'string' }, seed: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean' } },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (values.days !== undefined) {
    const replay = await replayDays({
      days: positiveInteger('days', values.days, 1),
      orders: positiveInteger('orders', values.orders, DEFAULT_DAILY_ORDERS),
      seed: positiveInteger('seed', values.seed, DEFAULT_SAMPLE_OPTIONS.seed),
      outDir: values.out ?? DEFAULT_OUT_DIR,
      progress: (text) => console.log(`${text}\n`),
    });
    console.log(replay.balanced ? 'Every day balanced: the warehouse equals the truth after each run.' : 'NOT BALANCED: see the days above.');
    return replay.balanced ? 0 : 1;
  }
  const result = await runLocalPipeline({
    orders: positiveInteger('orders', values.orders, DEFAULT_SAMPLE_OPTIONS.orders),
    seed: positiveInteger('seed', values.seed, DEFAULT_SAMPLE_OPTIONS.seed),
    outDir: values.out ?? DEFAULT_OUT_DIR,
    progress: (line) => console.log(line),
  });
  console.log(`\n${result.summary}`);
  return result.sheet.balanced ? 0 : 1;
}

main().then((code) => { process.exitCode = code; }, (error: Error) => {
  console.error(error.message.startsWith('--') ? `${error.message}\n${USAGE}` : error.stack);
  process.exitCode = 2;
});
