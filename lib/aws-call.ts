/**
 * One AWS call a runtime artifact makes, or that an AWS service makes as the artifact's role, declared next to the
 * code that makes it. test/iam/aws-calls-allowed.test.ts proves that the synthesized policies allow every declared call.
 *
 * In `resource` and `context`, `{name}` stands for a resource of the app that the test binds by name (an ARN or a
 * name, as the declaration's comment says); `{partition}`, `{region}` and `{account}` stand for the stack's own.
 */
export interface AwsCall {
  /** The IAM action, e.g. `kinesis:PutRecords`. */
  readonly action: string;
  /**
   * The resource the request is authorized on, as exact as the call: an object key, not a prefix. Several when IAM
   * checks several (a Glue catalog call is checked on the catalog, the database and the table).
   */
  readonly resource: string | readonly string[];
  /** Condition keys the request carries, e.g. `kms:ViaService` or `s3:prefix`. */
  readonly context?: Readonly<Record<string, string>>;
  /** Which code makes the call, and why. */
  readonly why: string;
}

/** An ARN of the stack's partition, region and account. */
export function awsArn(service: string, resource: string): string {
  return `arn:{partition}:${service}:{region}:{account}:${resource}`;
}

/**
 * What IAM checks for a Glue Data Catalog call: the catalog, the database and, for a table call, the table.
 * https://docs.aws.amazon.com/glue/latest/dg/glue-specifying-resource-arns.html
 */
export function glueCatalogResources(database: string, table?: string): readonly string[] {
  return [
    awsArn('glue', 'catalog'),
    awsArn('glue', `database/${database}`),
    ...(table === undefined ? [] : [awsArn('glue', `table/${database}/${table}`)]),
  ];
}

/** The request context of a KMS call that `service` makes on the caller's behalf (SSE, secret decryption). */
export function viaService(service: string): Readonly<Record<string, string>> {
  return { 'kms:ViaService': `${service}.{region}.amazonaws.com` };
}
