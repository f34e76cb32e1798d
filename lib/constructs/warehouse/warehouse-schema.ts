import * as path from 'node:path';
import { CustomResource, Duration, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { waiveControl } from '../private/control-tower-waiver';
import { PipelineFunction } from '../private/pipeline-function';
import type { WarehouseSchemaProps } from './warehouse-schema-props';
import { dataApiWarehouseParameters } from '../../warehouse/data-api-target';

export const DEFAULT_MIGRATOR_LOG_RETENTION = logs.RetentionDays.ONE_YEAR;
/** The Lambda maximum: a migration that rewrites a large table may take minutes. */
export const MIGRATOR_TIMEOUT = Duration.minutes(15);
export const MIGRATOR_ENTRY = path.join(__dirname, '..', '..', '..', 'lambda', 'warehouse-migrator', 'handler.ts');

/**
 * Applies the versioned SQL migrations of `warehouse/` on every deploy, through the Redshift Data API: a custom resource
 * whose properties are the migrations (so `cdk diff` shows the SQL about to run) and whose function applies those not yet
 * recorded in `public.schema_migrations`, each in one transaction. An edited or missing applied migration fails the deploy;
 * one with placeholders is applied again when the values it was rendered with change (a replaced stream or role).
 */
export class WarehouseSchema extends Construct {
  public readonly migrator: PipelineFunction;
  public readonly resource: CustomResource;

  constructor(scope: Construct, id: string, props: WarehouseSchemaProps) {
    super(scope, id);
    const { warehouse } = props;

    this.migrator = new PipelineFunction(this, 'Migrator', {
      entry: MIGRATOR_ENTRY,
      description: 'Applies pending warehouse schema migrations on deploy',
      serviceName: 'warehouse-migrator',
      logRetention: props.logRetention ?? DEFAULT_MIGRATOR_LOG_RETENTION,
      retention: props.retention,
      timeout: MIGRATOR_TIMEOUT,
      memorySize: 256,
      reservedConcurrency: props.reservedConcurrency,
    });
    const { role } = this.migrator;
    waiveControl(this.migrator.function, 'lambda_inside_vpc_check',
      'It calls the Redshift Data API, a regional AWS endpoint, and never the warehouse over the network; inside the VPC it would need a Data API interface endpoint to reach the same place.');

    role.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: ['redshift-data:ExecuteStatement', 'redshift-data:BatchExecuteStatement'],
      resources: [warehouse.dataApiArn],
    }));
    role.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: ['redshift-data:DescribeStatement', 'redshift-data:GetStatementResult'],
      resources: ['*'],
    }));
    warehouse.adminSecret.grantRead(role);
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'Data API DescribeStatement and GetStatementResult take no resource ARN; the Data API only shows a caller its own statements.',
    });

    this.resource = new CustomResource(this, 'Resource', {
      serviceToken: this.migrator.function.functionArn,
      resourceType: 'Custom::WarehouseSchema',
      properties: {
        ...dataApiWarehouseParameters(warehouse.dataApiTarget),
        Database: warehouse.databaseName,
        SecretArn: warehouse.adminSecret.secretArn,
        // Values as CloudFormation fills them in: the migrator checksums them with the file (recordedChecksum).
        Migrations: props.migrations.map((m) => ({
          id: m.id, checksum: m.checksum, statements: [...m.statements], ...(m.values ? { values: { ...m.values } } : {}),
        })),
      },
    });
    // The migrator needs the warehouse up and its policy in place before CloudFormation calls it.
    this.resource.node.addDependency(warehouse.ready, role);
  }
}
