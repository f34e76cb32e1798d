/** A catalog table by database and name. */
export interface CatalogTableName {
  readonly databaseName: string;
  readonly tableName: string;
}

/**
 * One Glue Data Quality ruleset and the catalog table it is evaluated against: what the ETL declares and the batch
 * pipeline evaluates.
 */
export interface DataQualityCheck extends CatalogTableName {
  readonly rulesetName: string;
  /** Other tables the ruleset's referential rules name, by alias; an evaluation passes them as additional sources. @default - none */
  readonly referencedTables?: Readonly<Record<string, CatalogTableName>>;
}
