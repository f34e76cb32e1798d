import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { GUARD_METADATA_KEY, type GuardWaivers } from '../../lib/constructs/private/control-tower-waiver';

/**
 * AWS Control Tower's proactive controls as the cfn-guard rule pack of @cdklabs/cdk-validator-cfnguard, run on
 * synthesized templates with the cfn-guard binary the package ships. The rules do not read waivers: this module
 * applies `waiveControl`'s metadata to their results, per rule and resource.
 */

const PACKAGE_DIR = dirname(require.resolve('@cdklabs/cdk-validator-cfnguard/package.json'));
const RULES_DIR = join(PACKAGE_DIR, 'rules', 'control-tower', 'cfn-guard');
const CFN_GUARD = join(PACKAGE_DIR, 'bin', process.platform === 'darwin' ? 'macos' : 'ubuntu',
  process.arch === 'arm64' ? 'aarch64' : 'x86_64', 'cfn-guard');
/** cfn-guard's exit codes when it evaluated everything: all passed, or some rule failed (5 is a rule file it could not parse). */
const GUARD_EVALUATED = [0, 19];

/** One control of the pack: its rule name, its file and the resource types it reports on. */
export interface ControlTowerRule {
  readonly name: string;
  readonly file: string;
  readonly reportsOn: readonly string[];
}

/** A resource that fails a control, as `<rule> at <template>/<logical id>`. */
export type ControlFailure = string;

/** A waiver found in a template's resource metadata. */
export interface ControlWaiver {
  readonly rule: string;
  readonly reason: string | undefined;
  /** `<template>/<logical id>`, as in a ControlFailure. */
  readonly resource: string;
}

type Template = { Resources?: Record<string, { Type: string; Metadata?: Record<string, unknown> }> };

/** Every control of the pack. */
export function controlTowerRules(): ControlTowerRule[] {
  const files = readdirSync(RULES_DIR, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.guard'));
  return files.map((relative) => {
    const file = join(RULES_DIR, relative);
    const text = readFileSync(file, 'utf8');
    const name = /^rule (\w+) when is_cfn_template/m.exec(text)?.[1];
    const header = /^# Reports on:\n((?:#\s+\S.*\n)+)/m.exec(text)?.[1];
    if (!name || !header) throw new Error(`${file}: no primary rule or no "Reports on" header`);
    return { name, file, reportsOn: header.match(/AWS::\w+::\w+/g) ?? [] };
  });
}

/** Where each template's resources waive which rule, and why. */
export function controlWaivers(templateFiles: readonly string[]): ControlWaiver[] {
  return templateFiles.flatMap((file) => Object.entries(readTemplate(file).Resources ?? {}).flatMap(([logicalId, resource]) => {
    const waivers = resource.Metadata?.[GUARD_METADATA_KEY] as Partial<GuardWaivers> | undefined;
    return (waivers?.SuppressedRules ?? []).map((rule) => ({
      rule, reason: waivers?.Reasons?.[rule], resource: `${templateName(file)}/${logicalId}`,
    }));
  }));
}

/**
 * Every failure of the pack's controls on the templates, waived or not. Each template is checked by its own cfn-guard
 * process with only the rules that report on a resource type it has: cfn-guard's work grows with rules times
 * templates, and a rule for a type a template lacks would only skip.
 */
export async function controlFailures(templateFiles: readonly string[]): Promise<ControlFailure[]> {
  const rules = controlTowerRules();
  const failures = await Promise.all(templateFiles.map(async (file) => {
    const resources = readTemplate(file).Resources ?? {};
    const types = new Set(Object.values(resources).map((r) => r.Type));
    const relevant = rules.filter((rule) => rule.reportsOn.some((type) => types.has(type)));
    if (relevant.length === 0) return [];
    const results = JSON.parse(await runGuard([
      'validate', ...relevant.flatMap((rule) => ['--rules', rule.file]), '--data', file,
      '--output-format', 'json', '--show-summary', 'none', '--structured',
    ])) as Array<{ not_compliant?: Array<{ Rule: { name: string } }> }>;
    const found: ControlFailure[] = [];
    for (const failed of results.flatMap((result) => result.not_compliant ?? [])) {
      const reportsOn = new Set(relevant.filter((rule) => rule.name === failed.Rule.name).flatMap((rule) => rule.reportsOn));
      // A failed check names the property it read; its resource is the one of a type the rule reports on.
      for (const [, logicalId] of JSON.stringify(failed).matchAll(/"path":"\/Resources\/([^/"]+)/g)) {
        if (reportsOn.has(resources[logicalId]?.Type)) found.push(`${failed.Rule.name} at ${templateName(file)}/${logicalId}`);
      }
    }
    return found;
  }));
  return [...new Set(failures.flat())].sort();
}

/** The failures no waiver of the same rule on the same resource covers. */
export function unwaived(failures: readonly ControlFailure[], waivers: readonly ControlWaiver[]): ControlFailure[] {
  const waived = new Set(waivers.map((w) => `${w.rule} at ${w.resource}`));
  return failures.filter((failure) => !waived.has(failure));
}

function readTemplate(file: string): Template {
  return JSON.parse(readFileSync(file, 'utf8')) as Template;
}

function templateName(file: string): string {
  return basename(file).replace(/\.template\.json$/, '');
}

function runGuard(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(CFN_GUARD, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== null && GUARD_EVALUATED.includes(code)) resolve(Buffer.concat(stdout).toString('utf8'));
      else reject(new Error(`cfn-guard exited with ${code}: ${Buffer.concat(stderr).toString('utf8')}`));
    });
  });
}
