import { dirname, relative, resolve } from 'node:path';
import { importsOf, ROOT, sourceFiles } from './support/module-imports';

/**
 * The deployed code is layered, and every import runs down or across, never up: the pure logic (configuration,
 * contracts, the plans that render SQL and name AWS resources, the Lambda handlers) knows no CDK construct of its own;
 * constructs know no stack; stacks do not know how the pipeline composes them; `lib/pipeline.ts` picks from the stacks
 * what each needs. Layers from the bottom; a path belongs to the first layer that names it or a folder above it.
 */
const LAYERS: readonly (readonly string[])[] = [
  ['lib/aws-call.ts', 'lib/config', 'lib/contracts', 'lib/cost', 'lib/etl', 'lib/warehouse', 'lambda'],
  ['lib/constructs'],
  ['lib/stacks'],
  ['lib/pipeline.ts'],
];

const layerOf = (path: string): number => LAYERS.findIndex((layer) => layer.some((entry) => path === entry || path.startsWith(`${entry}/`)));
const FILES = ['lib', 'lambda'].flatMap(sourceFiles);
/** Each relative import of the deployed code, as the file it lands on (with `.ts`, or a folder's `index.ts`). */
const IMPORTS = FILES.flatMap(importsOf).filter((i) => i.specifier.startsWith('.')).map((i) => {
  const target = relative(ROOT, resolve(ROOT, dirname(i.file), i.specifier));
  const file = FILES.find((candidate) => candidate === `${target}.ts` || candidate === `${target}/index.ts`) ?? target;
  return { from: i.file, to: file };
});
const described = (imports: typeof IMPORTS) => imports.map((i) => `${i.from} imports ${i.to}`);

// A folder outside the order (as lib/orchestration/ was, between the stacks and the state machine) fails here first.
test('every file of lib/ and lambda/ belongs to a layer, so a new folder takes a place in the order', () => {
  expect(FILES.filter((file) => layerOf(file) < 0)).toEqual([]);
});

test('the check sees the imports between layers', () => {
  expect(IMPORTS.filter((i) => i.from.startsWith('lib/stacks/') && i.to.startsWith('lib/constructs/')).length).toBeGreaterThan(10);
});

test('no construct imports a stack or the pipeline', () => {
  expect(described(IMPORTS.filter((i) => i.from.startsWith('lib/constructs/')
    && (i.to.startsWith('lib/stacks/') || i.to === 'lib/pipeline.ts')))).toEqual([]);
});

test('no import under lib/ or lambda/ runs up the layers', () => {
  expect(described(IMPORTS.filter((i) => layerOf(i.to) > layerOf(i.from)))).toEqual([]);
});
