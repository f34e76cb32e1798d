import { RemovalPolicy } from 'aws-cdk-lib';
import * as glue from 'aws-cdk-lib/aws-glue';
import { Construct } from 'constructs';
import type { CuratedDataQualityProps } from './curated-data-quality-props';
import { dataQualityRules, dqdl } from './curated-data-quality-rules';
import type { DataQualityCheck } from '../private/data-quality-check';

/**
 * Glue Data Quality rulesets (DQDL) for the curated tables, derived from their contracts. The pipeline evaluates them
 * after each raw-to-curated run and stops before the warehouse load when a rule fails.
 */
export class CuratedDataQuality extends Construct {
  public readonly rulesets: readonly DataQualityCheck[];

  constructor(scope: Construct, id: string, props: CuratedDataQualityProps) {
    super(scope, id);
    this.rulesets = props.targets.map(({ dataset, table, references = [] }) => {
      const rulesetName = `${props.namePrefix}_${dataset.name}_quality`;
      new glue.DataQualityRuleset(this, `${dataset.name}Ruleset`, {
        rulesetName,
        description: `Keys, amounts, allowed values and references of curated ${dataset.name}`,
        dqdl: glue.Dqdl.fromString(dqdl(dataQualityRules(dataset, references))),
        targetTable: glue.DataQualityTargetTable.fromTableName(table.database, table.tableName),
        // Rules hold no data and are redeclared on every deployment; a retained ruleset would block its own re-creation.
        removalPolicy: RemovalPolicy.DESTROY,
      });
      return {
        rulesetName,
        databaseName: table.database.databaseName,
        tableName: table.tableName,
        referencedTables: Object.fromEntries(references.map((r) => [r.alias, { databaseName: r.table.database.databaseName, tableName: r.table.tableName }])),
      };
    });
  }
}
