import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { AvailableMigration } from '../warehouse/migration-plan';
import { deployableMigrations, STREAMING_MIGRATIONS_DIR } from '../warehouse/migrations';
import type { WarehouseStreamingIngestionProps } from './warehouse-streaming-ingestion-props';

/**
 * Near-real-time orders in Redshift without a public cluster (which Firehose to Redshift would need): the cluster reads
 * the Kinesis stream itself into an auto-refreshed materialized view, with a role that may read that stream only.
 */
export class WarehouseStreamingIngestion extends Construct {
  public readonly role: iam.Role;
  /** The `streaming` track of migrations, with this role and stream filled in. */
  public readonly migrations: readonly AvailableMigration[];

  constructor(scope: Construct, id: string, props: WarehouseStreamingIngestionProps) {
    super(scope, id);
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('redshift.amazonaws.com'),
      description: 'Assumed by the warehouse for streaming ingestion: reads the order change stream only',
    });
    props.stream.grantRead(this.role);
    props.warehouse.cluster.addIamRole(this.role);
    this.migrations = deployableMigrations(STREAMING_MIGRATIONS_DIR, 'streaming', {
      streaming_role_arn: this.role.roleArn,
      stream_name: props.stream.streamName,
    });
  }
}
