import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { fixedCosts, type StackCost, type StackTemplate, totalMonthlyUsd } from '../../lib/cost/fixed-costs';
import type { Price, PriceTable } from '../../lib/cost/price-table';
import { ReadmeSection } from '../readme-section';

/** The fixed monthly cost of one stage. */
export interface StageCost {
  readonly stage: string;
  readonly stacks: readonly StackCost[];
  readonly monthlyUsd: number;
}

/** The template of every stack of a synthesized app. */
export function templatesOf(assembly: CloudAssembly): StackTemplate[] {
  return assembly.stacks.map((s) => ({ stackName: s.stackName, template: s.template }));
}

/** Prices a stage's templates; a stage in another region than the price table's is refused, not priced wrong. */
export function stageCost(stage: string, region: string, templates: readonly StackTemplate[], table: PriceTable): StageCost {
  if (region !== table.region) {
    throw new Error(`stage ${stage} deploys to ${region}, but lib/cost/prices.json has prices for ${table.region}`);
  }
  const stacks = fixedCosts(templates, table);
  return { stage, stacks, monthlyUsd: totalMonthlyUsd(stacks) };
}

const usd = (amount: number) => `$${amount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const rate = (price: Price) => `$${price.usd.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 10 })} per ${price.unit}`;
const quantity = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 2 });
/** A stack's name without the stage's prefix, `ecommerce-dev-lake` → `lake`. */
const shortName = (stage: string, stackName: string) => stackName.replace(`ecommerce-${stage}-`, '');

/** Rows as aligned text columns; amounts (`rightAligned`) line up on the right. */
function columns(rows: readonly string[][], rightAligned: readonly number[] = []): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  return rows.map((row) => row.map((cell, i) => (rightAligned.includes(i) ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
    .join('  ').trimEnd()).join('\n');
}

/** What `npm run cost` prints: the fixed monthly cost per stack and in total, then the per-use prices. */
export function costText(cost: StageCost, table: PriceTable): string {
  const rows = [['Stack', 'Item', 'Quantity', 'Monthly']];
  for (const stack of cost.stacks) {
    for (const line of stack.lines) rows.push([stack.stackName, line.price.what, `${quantity(line.quantity)} ${line.price.unit}`, usd(line.monthlyUsd)]);
    rows.push([stack.stackName, 'stack total', '', usd(stack.monthlyUsd)]);
  }
  rows.push(['Total', '', '', usd(cost.monthlyUsd)]);
  return [
    `Fixed monthly cost of stage ${cost.stage}: what it costs deployed and idle (${table.region}, list prices of ${table.pricesAsOf}, ${table.hoursPerMonth} hours a month)`,
    '',
    columns(rows, [3]),
    '',
    'Per use, on top of it:',
    '',
    columns([['What', 'Price'], ...table.perUse.map((p) => [p.what, rate(p)])]),
    '',
    `Prices: lib/cost/prices.json. ${table.note}`,
  ].join('\n');
}

/** The README's cost section: every stage side by side, per stack and per item, then the per-use prices. */
export function costMarkdown(costs: readonly StageCost[], table: PriceTable): string {
  const stages = costs.map((c) => c.stage);
  const row = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  const stackNames = [...new Set(costs.flatMap((c) => c.stacks.map((s) => shortName(c.stage, s.stackName))))];
  const perStack = stackNames.map((name) => row([`\`${name}\``, ...costs.map((c) => {
    const stack = c.stacks.find((s) => shortName(c.stage, s.stackName) === name);
    return stack ? usd(stack.monthlyUsd) : '–';
  })]));
  const priceIds = table.fixed.filter((p) => costs.some((c) => c.stacks.some((s) => s.lines.some((l) => l.price.id === p.id))));
  const perItem = priceIds.map((price) => row([price.what, rate(price), ...costs.map((c) => {
    const lines = c.stacks.flatMap((s) => s.lines.filter((l) => l.price.id === price.id));
    if (lines.length === 0) return '–';
    const total = lines.reduce((sum, l) => sum + l.quantity, 0);
    return `${quantity(total)} → ${usd(lines.reduce((sum, l) => sum + l.monthlyUsd, 0))}`;
  })]));
  return [
    `Fixed monthly cost, deployed and idle: ${table.region} list prices of ${table.pricesAsOf}, ${table.hoursPerMonth} hours a month, no free tier.`,
    '',
    row(['Stack', ...stages]),
    row(['---', ...stages.map(() => '---:')]),
    ...perStack,
    row(['**Total**', ...costs.map((c) => `**${usd(c.monthlyUsd)}**`)]),
    '',
    row(['Item', 'Price', ...stages]),
    row(['---', '---', ...stages.map(() => '---:')]),
    ...perItem,
    '',
    'Per use, on top of it:',
    '',
    row(['What', 'Price']),
    row(['---', '---']),
    ...table.perUse.map((p) => row([p.what, rate(p)])),
  ].join('\n');
}

/** The README's cost section. */
const COST_SECTION = new ReadmeSection('cost', '`npm run cost -- --readme` from the synthesized dev and prod apps and lib/cost/prices.json');

/** The README text between the cost markers. */
export function costBlock(markdown: string): string {
  return COST_SECTION.block(markdown);
}

/** Returns `readme` with the cost section replaced; throws if the markers are missing. */
export function withCost(readme: string, markdown: string): string {
  return COST_SECTION.replaceIn(readme, markdown);
}
