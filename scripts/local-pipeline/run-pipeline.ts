import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type LocalLake, LocalGlueJobs } from '../../local/local-glue-jobs';
import { startLocalKinesis } from '../../local/local-kinesis';
import { type BalanceSheet, balanceSheet, type RunFigures, runFigures } from './balance-sheet';
import { deliverChanges } from './deliver-changes';
import { LocalWarehouse } from './load-warehouse';
import { runGlueJobs } from './run-glue-jobs';
import { CDC_ORDER_PREFIX, EXPORT_ORDER_PREFIX, generateSampleData, RUN_DATE, RUN_TIME, type SampleOptions } from './sample-data';
import { streamChanges, type StreamOutcome } from './stream-changes';
import { summaryText } from './summary';

/** Where a run writes by default: gitignored, at the repository root. */
export const DEFAULT_OUT_DIR = join(__dirname, '..', '..', '.local-pipeline');
/** The directories a run owns under its output directory, emptied at the start of every run. */
export const OUTPUT_ZONES = ['landing', 'raw', 'quarantine', 'curated', 'warehouse'] as const;

export interface LocalPipelineOptions extends SampleOptions {
  readonly outDir: string;
  /** Receives one line per stage as it completes. */
  readonly progress?: (line: string) => void;
}

export interface LocalPipelineResult {
  /** The report and balance sheet; the same for the same data. */
  readonly summary: string;
  readonly sheet: BalanceSheet;
  readonly figures: RunFigures;
}

/** Files a run leaves next to the zones: the summary as printed, and the figures and balance sheet as JSON. */
export const SUMMARY_FILE = 'summary.txt';
export const BALANCE_SHEET_FILE = 'balance-sheet.json';

/**
 * The whole pipeline on this machine with the deployed code: sample data -> forwarder -> Kinesis (kinesalite) ->
 * processor -> raw zone -> Glue SQL (DuckDB) -> curated Parquet -> warehouse migrations and load (PGlite).
 */
export async function runLocalPipeline(options: LocalPipelineOptions): Promise<LocalPipelineResult> {
  const out = resolve(options.outDir);
  for (const zone of OUTPUT_ZONES) rmSync(join(out, zone), { recursive: true, force: true });
  const lake: LocalLake = { root: out, landing: join(out, 'landing'), raw: join(out, 'raw'), quarantine: join(out, 'quarantine'), curated: join(out, 'curated') };
  for (const dir of [lake.landing, lake.raw, lake.quarantine, lake.curated]) mkdirSync(dir, { recursive: true });
  const progress = options.progress ?? (() => undefined);
  const timed = async <T>(stage: string, work: () => Promise<T> | T, describe: (result: T) => string): Promise<T> => {
    const started = performance.now();
    const result = await work();
    progress(`${stage}: ${describe(result)} (${Math.round(performance.now() - started)} ms)`);
    return result;
  };

  const sample = await timed('[1/5] sample data', () => generateSampleData(options),
    (s) => `${s.streamRecords.length} DynamoDB stream records, ${s.foreignRecords.length} foreign stream records, ${Object.keys(s.landingFiles).length} landing files (orders ${options.orders}, seed ${options.seed})`);

  const kinesis = await startLocalKinesis();
  let stream: StreamOutcome;
  try {
    stream = await timed('[2/5] forwarder -> Kinesis (kinesalite)',
      () => streamChanges(kinesis, sample.streamRecords, sample.foreignRecords, lake.quarantine, () => new Date(RUN_TIME)),
      (s) => `${s.forwarded} forwarded, ${s.quarantined.length} quarantined, ${s.batchItemFailures.length} batch item failures, ${s.streamed.length} records read back`);
  } finally {
    await kinesis.stop();
  }
  const delivery = await timed('[3/5] Firehose processor -> raw zone', () => deliverChanges(stream.streamed, lake.raw, RUN_DATE),
    (d) => `${d.ok} Ok, ${d.processingFailed.length} ProcessingFailed, ${d.files.length} files under ${lake.raw}`);

  const jobs = await LocalGlueJobs.create();
  try {
    const glue = await timed('[4/5] Glue SQL on DuckDB: landing -> raw -> curated', () =>
      runGlueJobs(jobs, lake, sample.landingFiles, { runDate: RUN_DATE, runTime: RUN_TIME }, [CDC_ORDER_PREFIX, EXPORT_ORDER_PREFIX]),
    (g) => `${Object.entries(g.curated).map(([name, rows]) => `${rows} ${name}`).join(', ')} curated under ${lake.curated}`);
    const warehouse = await timed('[5/5] warehouse migrations and load on PGlite', async () => {
      const db = await LocalWarehouse.open(join(out, 'warehouse'));
      try {
        await db.load(jobs, lake, `local-${RUN_DATE}`);
        return await db.report();
      } finally {
        await db.close();
      }
    }, (w) => `${Object.entries(w.reportingRows).map(([table, rows]) => `${rows} ${table}`).join(', ')} in ${join(out, 'warehouse')}`);
    const figures = runFigures(sample, stream, delivery, glue, warehouse);
    const sheet = balanceSheet(figures);
    const summary = summaryText(stream, delivery, glue, warehouse, sheet);
    writeFileSync(join(out, SUMMARY_FILE), `${summary}\n`);
    writeFileSync(join(out, BALANCE_SHEET_FILE), `${JSON.stringify({ figures, sheet }, null, 2)}\n`);
    return { summary, sheet, figures };
  } finally {
    jobs.close();
  }
}
