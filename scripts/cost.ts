import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { loadStageConfig } from '../lib/config/load-stage-config';
import { PRICE_TABLE } from '../lib/cost/price-table';
import { buildPipeline } from '../lib/pipeline';
import { costMarkdown, costText, type StageCost, stageCost, templatesOf, withCost } from './cost/cost-report';

/**
 * `npm run cost -- -c stage=<name>`: synthesizes the stage in this process (offline, no credentials) and prints its fixed
 * monthly cost per stack and in total, then the per-use prices. `npm run cost -- --readme` rewrites the README's cost
 * section from the dev and prod stages.
 */
const root = join(__dirname, '..');
const context = JSON.parse(readFileSync(join(root, 'cdk.json'), 'utf8')).context as Record<string, unknown>;

function costOf(stage: string): StageCost {
  const config = loadStageConfig(stage);
  // Lambda bundling changes only asset hashes, never what a stage costs.
  const app = new App({
    context: { ...context, stage: config.stage, 'aws:cdk:bundling-stacks': [] },
    outdir: join(root, 'cdk.out', `cost-${config.stage}`),
  });
  buildPipeline(app, config);
  return stageCost(config.stage, config.region, templatesOf(app.synth()), PRICE_TABLE);
}

const args = process.argv.slice(2);
if (args.includes('--readme')) {
  const readmePath = join(root, 'README.md');
  writeFileSync(readmePath, withCost(readFileSync(readmePath, 'utf8'), costMarkdown(['dev', 'prod'].map(costOf), PRICE_TABLE)));
  console.log(`Cost section written to ${readmePath}`);
} else {
  const contextArgs = args.flatMap((arg, i) => (['-c', '--context'].includes(arg) ? [args[i + 1]] : arg.startsWith('--context=') ? [arg.slice(10)] : []));
  const stage = contextArgs.map((c) => /^stage=(.+)$/.exec(c ?? '')?.[1]).find((s) => s !== undefined);
  console.log(costText(costOf(stage ?? 'dev'), PRICE_TABLE));
}
