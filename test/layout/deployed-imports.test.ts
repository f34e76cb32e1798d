import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { importsOf, type ModuleImport, ROOT, sourceFiles } from './support/module-imports';

/**
 * The deployed tree (what `cdk synth` builds and the Lambda bundles hold) stands on its own: it imports only the
 * packages it declares as dependencies, Node's built-ins, and itself. Local engines, fixtures and test runners live in
 * local/, test/, scripts/ and bench/, and their devDependencies (DuckDB, kinesalite, PGlite, ...) never reach a deploy.
 */
const DEPLOYED_DIRS = ['bin', 'lib', 'lambda'];
const { dependencies, devDependencies } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as
  { dependencies: Record<string, string>; devDependencies: Record<string, string> };

function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

const imports = DEPLOYED_DIRS.flatMap(sourceFiles).flatMap(importsOf);
const isRelative = (i: ModuleImport) => i.specifier.startsWith('.');
const isBuiltin = (name: string) => name.startsWith('node:') || builtinModules.includes(name);

test('the deployed tree is read (the check can see imports)', () => {
  expect(imports.filter((i) => packageOf(i.specifier) === 'aws-cdk-lib').length).toBeGreaterThan(10);
});

test('bin/, lib/ and lambda/ import no devDependency, and only packages they declare', () => {
  const undeclared = imports
    .filter((i) => !isRelative(i) && !i.typeOnly && !isBuiltin(i.specifier) && !(packageOf(i.specifier) in dependencies))
    .map((i) => `${i.file}: ${i.specifier}${packageOf(i.specifier) in devDependencies ? ' (a devDependency)' : ''}`);
  expect(undeclared).toEqual([]);
});

test('types from a devDependency are imported as types only, so no bundle holds them', () => {
  const typeImports = imports.filter((i) => !isRelative(i) && i.typeOnly && !(packageOf(i.specifier) in dependencies));
  expect(typeImports.filter((i) => !(`@types/${packageOf(i.specifier)}` in devDependencies || packageOf(i.specifier) in devDependencies))
    .map((i) => `${i.file}: ${i.specifier}`)).toEqual([]);
});

test('bin/, lib/ and lambda/ import nothing from local/, test/, scripts/ or bench/', () => {
  const outside = imports.filter(isRelative).flatMap((i) => {
    const target = relative(ROOT, resolve(ROOT, dirname(i.file), i.specifier));
    return DEPLOYED_DIRS.some((dir) => target.startsWith(`${dir}/`)) || !target.includes('/') ? [] : [`${i.file}: ${i.specifier}`];
  });
  expect(outside).toEqual([]);
});
