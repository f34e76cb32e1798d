/** What every stage's resource names start with. */
export const PROJECT_NAME = 'ecommerce';

/** The names of one stage's resources, built here alone so that no construct re-derives one form from another. */
export interface StageNames {
  /** `ecommerce-<stage>`: the prefix of stacks and of the resources named after them. */
  readonly prefix: string;
  /**
   * `ecommerce_<stage>` with every dash an underscore: the prefix of Glue names (databases, crawlers, jobs, rulesets).
   * Athena reads database and table names as SQL identifiers, where only letters, digits and underscores need no
   * quoting (https://docs.aws.amazon.com/athena/latest/ug/tables-databases-columns-names.html).
   */
  readonly gluePrefix: string;
  /** `ecommerce-<stage>-<name>`, e.g. the `lake` stack or the `order-changes` stream. */
  named(name: string): string;
}

export function stageNames(stage: string): StageNames {
  const prefix = `${PROJECT_NAME}-${stage}`;
  return {
    prefix,
    gluePrefix: prefix.replace(/-/g, '_'),
    named: (name) => `${prefix}-${name}`,
  };
}
