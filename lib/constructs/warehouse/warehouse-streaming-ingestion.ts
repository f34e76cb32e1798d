import { Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import { Construct } from 'constructs';
import type { AvailableMigration } from '../../warehouse/migration-plan';
import { deployableMigrations, STREAMING_MIGRATIONS_DIR } from '../../warehouse/migrations';
import type { WarehouseStreamingIngestionProps } from './warehouse-streaming-ingestion-props';

/**
 * The name the materialized view gives the stream. Redshift folds identifiers to lower case, double-quoted ones included,
 * unless `enable_case_sensitive_identifier` is on, and AWS recommends setting that in the parameter group rather than the
 * session when views refresh automatically:
 * https://docs.aws.amazon.com/redshift/latest/dg/r_enable_case_sensitive_identifier.html. A lower-case name needs neither.
 * It must also be a literal, not a name CloudFormation generates (mixed case, and unknown until deployed).
 */
export function streamNameForRedshift(stream: kinesis.IStream): string {
  const cfnStream = stream.node.defaultChild;
  const name = cfnStream instanceof kinesis.CfnStream ? cfnStream.name : stream.streamName;
  if (name === undefined || Token.isUnresolved(name)) {
    throw new Error(`${stream.node.path}: streaming ingestion names the stream in SQL; give the stream an explicit lower-case name`);
  }
  if (name !== name.toLowerCase()) {
    throw new Error(`${stream.node.path}: stream name ${JSON.stringify(name)} has upper-case letters, which Redshift folds to lower case; use a lower-case name`);
  }
  return name;
}

/**
 * Near-real-time orders in Redshift without a public cluster (which Firehose to Redshift would need): the warehouse reads
 * the Kinesis stream itself into an auto-refreshed materialized view, with a role that may read that stream only, through
 * the VPC's Kinesis endpoint (enhanced VPC routing keeps the traffic in the VPC).
 */
export class WarehouseStreamingIngestion extends Construct {
  public readonly role: iam.Role;
  /** The `streaming` track of migrations, with this role and stream filled in. */
  public readonly migrations: readonly AvailableMigration[];

  constructor(scope: Construct, id: string, props: WarehouseStreamingIngestionProps) {
    super(scope, id);
    const streamName = streamNameForRedshift(props.stream);
    this.role = new iam.Role(this, 'Role', {
      assumedBy: props.warehouse.rolePrincipal,
      description: 'Assumed by the warehouse for streaming ingestion: reads the order change stream only',
    });
    props.stream.grantRead(this.role);
    props.warehouse.addIamRole(this.role);
    props.kinesisEndpoint.connections.allowDefaultPortFrom(props.warehouse.securityGroup, 'Warehouse: streaming ingestion');
    this.migrations = deployableMigrations(STREAMING_MIGRATIONS_DIR, 'streaming', {
      streaming_role_arn: this.role.roleArn,
      stream_name: streamName,
    });
  }
}
