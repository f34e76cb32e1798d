import { Match } from 'aws-cdk-lib/assertions';
import { CATEGORY_REVENUE_DAILY, CURATED_DATASETS, CURATED_ORDER_LINES, CURATED_PRODUCTS } from '../../../lib/contracts';
import { dataQualityRules, dqdl } from '../../../lib/constructs/etl/curated-data-quality-rules';
import { etlTestApp } from './etl-test-app';

describe('rules derived from a contract', () => {
  const rules = dataQualityRules(CURATED_ORDER_LINES, [{ column: 'order_id', alias: 'orders', referencedColumn: 'order_id' }]);

  test('the business key is complete and unique', () => {
    expect(rules[0]).toBe('IsPrimaryKey "order_id" "line_number"');
  });

  test('every non-nullable column is complete, the partition key included', () => {
    expect(rules).toEqual(expect.arrayContaining(['IsComplete "sku"', 'IsComplete "order_date"']));
  });

  test('amounts and counts are never negative', () => {
    expect(rules).toEqual(expect.arrayContaining(['ColumnValues "quantity" >= 0', 'ColumnValues "line_revenue" >= 0']));
    expect(dataQualityRules(CATEGORY_REVENUE_DAILY)).toEqual(expect.arrayContaining(['ColumnValues "revenue" >= 0', 'ColumnValues "orders" >= 0']));
  });

  test('enumerated columns hold only their allowed values', () => {
    expect(rules).toContain('ColumnValues "currency" in ["EUR", "GBP", "USD"]');
  });

  test('references point at existing rows of the referenced table', () => {
    expect(rules).toContain('ReferentialIntegrity "order_id" "orders.order_id" = 1.0');
  });

  test('a ruleset is a DQDL document', () => {
    expect(dqdl(['IsComplete "a"', 'IsComplete "b"'])).toBe('Rules = [\n  IsComplete "a",\n  IsComplete "b"\n]');
  });
});

describe('rulesets of the ETL stack', () => {
  const prod = etlTestApp('prod');
  const stack = prod.etl;
  let curatedDatabase: unknown;
  beforeAll(() => {
    // Cross-stack references take their final form when the app is synthesized.
    prod.template();
    curatedDatabase = stack.resolve(prod.lake.catalog.curatedDatabase.databaseName);
  });

  test.each(CURATED_DATASETS.map((d) => d.name))('%s has a named ruleset targeting its curated table', (name) => {
    prod.template().hasResourceProperties('AWS::Glue::DataQualityRuleset', {
      Name: `ecommerce_prod_${name}_quality`,
      TargetTable: { DatabaseName: curatedDatabase, TableName: stack.resolve(stack.curatedTables.tables[name].tableName) },
      Ruleset: Match.stringLikeRegexp('^Rules = \\[\\n  IsPrimaryKey '),
    });
  });

  test('the products ruleset is the one derived from the products contract', () => {
    prod.template().hasResourceProperties('AWS::Glue::DataQualityRuleset', {
      Name: 'ecommerce_prod_products_quality',
      Ruleset: dqdl(dataQualityRules(CURATED_PRODUCTS)),
    });
  });

  test('the data quality construct tells the pipeline each ruleset, its table and the tables its references need', () => {
    const orderLines = stack.dataQuality.rulesets.find((r) => r.rulesetName === 'ecommerce_prod_order_lines_quality');
    expect(stack.dataQuality.rulesets).toHaveLength(CURATED_DATASETS.length);
    expect(stack.resolve(orderLines)).toEqual({
      rulesetName: 'ecommerce_prod_order_lines_quality',
      databaseName: curatedDatabase,
      tableName: stack.resolve(stack.curatedTables.tables.order_lines.tableName),
      referencedTables: { orders: { databaseName: curatedDatabase, tableName: stack.resolve(stack.curatedTables.tables.orders.tableName) } },
    });
  });
});
