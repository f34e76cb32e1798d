import { parseArgs } from 'node:util';
import { DEFAULT_OUT_DIR, runLocalPipeline } from './local-pipeline/run-pipeline';
import { DEFAULT_SAMPLE_OPTIONS } from './local-pipeline/sample-data';

/** `npm run pipeline:local -- [--orders N] [--seed N] [--out DIR]`: exits 1 when the balance sheet does not add up. */
const USAGE = `Usage: npm run pipeline:local -- [--orders N] [--seed N] [--out DIR]
  --orders  orders written to the DynamoDB table (default ${DEFAULT_SAMPLE_OPTIONS.orders})
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
    options: { orders: { type: 'string' }, seed: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean' } },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
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
