import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PRICE_TABLE } from '../../lib/cost/price-table';
import { costBlock, costMarkdown, type StageCost, stageCost, templatesOf, withCost } from '../../scripts/cost/cost-report';
import { stageAssembly } from '../support/stage-assembly';

const README = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');

/** Each stage priced from its synthesized templates, as `npm run cost` prices it. */
const costs: Record<string, StageCost> = {};
beforeAll(() => {
  for (const stage of ['dev', 'prod'] as const) {
    const { assembly, config } = stageAssembly(stage);
    costs[stage] = stageCost(stage, config.region, templatesOf(assembly), PRICE_TABLE);
  }
});

test('the README shows the cost of the current app (run `npm run cost -- --readme` after changing the app or the prices)', () => {
  expect(README).toContain(costBlock(costMarkdown([costs.dev, costs.prod], PRICE_TABLE)));
});

test('dev costs less than $50 a month deployed and idle', () => {
  expect(costs.dev.monthlyUsd).toBeLessThan(50);
});

test('dev pays for no warehouse compute while idle; prod for its cluster\'s nodes', () => {
  const warehouse = (stage: string) => costs[stage].stacks.find((s) => s.stackName.endsWith('-warehouse'))!.lines.map((l) => l.price.id);
  expect(warehouse('dev').filter((id) => id.startsWith('redshift'))).toEqual([]);
  expect(warehouse('prod')).toContain('redshift-node:ra3.xlplus');
});

test('the README block is replaced between its markers and the rest is kept', () => {
  const readme = `# Title\n${costBlock('old')}\nRest`;
  expect(withCost(readme, 'new')).toBe(`# Title\n${costBlock('new')}\nRest`);
  expect(() => withCost('# No markers', 'new')).toThrow('README has no <!-- cost:start --> ... <!-- cost:end --> markers');
});
