import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { loadStageConfig } from '../lib/config/load-stage-config';
import { buildPipeline } from '../lib/pipeline';
import { diagramOfApp, withDiagram } from './diagram/readme-diagram';

/** `npm run diagram`: redraws the README's architecture diagram from the synthesized dev app. */
const root = join(__dirname, '..');
const context = JSON.parse(readFileSync(join(root, 'cdk.json'), 'utf8')).context as Record<string, unknown>;
const app = new App({ context: { ...context, stage: 'dev' }, outdir: join(root, 'cdk.out', 'diagram') });
buildPipeline(app, loadStageConfig('dev'));
const readmePath = join(root, 'README.md');
writeFileSync(readmePath, withDiagram(readFileSync(readmePath, 'utf8'), diagramOfApp(app)));
console.log(`Diagram written to ${readmePath}`);
