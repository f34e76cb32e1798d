import * as contracts from '../../lib/contracts';
import { columnNames, type Dataset } from '../../lib/contracts';

const DATASETS: Dataset[] = Object.values(contracts).filter(
  (value): value is Dataset => typeof value === 'object' && value !== null && 'columns' in value && 'businessKey' in value,
);

test('every dataset of the pipeline is declared', () => {
  expect(DATASETS.map((d) => d.name).sort()).toEqual(expect.arrayContaining([
    'orders', 'order_changes', 'order_line_exports', 'products', 'customers', 'clickstream', 'quarantined_records',
    'order_lines', 'category_revenue_daily',
  ]));
});

describe.each(DATASETS.map((d) => [d.name + (d.description ? ` (${d.description})` : ''), d] as const))('%s', (_name, dataset) => {
  test('names each column once, in snake_case', () => {
    const names = columnNames(dataset);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-z][a-z0-9_]*$/);
  });

  test('its business key is made of its own columns', () => {
    for (const key of dataset.businessKey) expect(columnNames(dataset)).toContain(key);
  });

  test('its business key columns are never empty', () => {
    const keyColumns = [...dataset.columns, ...(dataset.partitionKeys ?? [])].filter((c) => dataset.businessKey.includes(c.name));
    for (const column of keyColumns) expect(column.nullable ?? false).toBe(false);
  });
});

test('personal data never reaches a curated table', () => {
  for (const dataset of contracts.CURATED_DATASETS) {
    expect(dataset.columns.filter((c) => c.pii)).toEqual([]);
  }
});
