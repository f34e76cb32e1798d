import type { NodeType } from '@aws-cdk/aws-redshift-alpha';
import type { Duration } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type { DataRetention } from '../private/data-retention';
import type { LakeZone } from '../lake/lake-zone';

export interface WarehouseClusterProps {
  /** The VPC the cluster lives in. */
  readonly vpc: ec2.IVpc;
  /** Subnets of the cluster and its rotation function: private isolated ones. */
  readonly subnets: ec2.SubnetSelection;
  /** The Secrets Manager endpoint the rotation function calls; it is opened to that function only. */
  readonly secretsManagerEndpoint: ec2.IInterfaceVpcEndpoint;
  /** The only zone the COPY role may read. */
  readonly curatedZone: LakeZone;
  /** Cluster identifier; also names the audit log groups, so it is fixed rather than generated. */
  readonly clusterName: string;
  /** @default DEFAULT_NODE_TYPE (ra3.large) */
  readonly nodeType?: NodeType;
  /** 1 to 128; 1 makes a single-node cluster. @default DEFAULT_NUMBER_OF_NODES (1) */
  readonly numberOfNodes?: number;
  /** Port the cluster listens on: 1150-65535, never Redshift's default 5439. @default DEFAULT_WAREHOUSE_PORT (5477) */
  readonly port?: number;
  /** Admin user name: a lowercase identifier, never Redshift's default `awsuser`. @default DEFAULT_ADMIN_USERNAME ('pipeline_admin') */
  readonly adminUsername?: string;
  /** Database the cluster creates. @default DEFAULT_DATABASE_NAME ('analytics') */
  readonly databaseName?: string;
  /** Weekly maintenance window in UTC, `ddd:hh24:mi-ddd:hh24:mi`. @default DEFAULT_MAINTENANCE_WINDOW ('sun:03:00-sun:03:30') */
  readonly maintenanceWindow?: string;
  /** Days automated snapshots are kept, 1 to 35. @default DEFAULT_SNAPSHOT_RETENTION_DAYS (7) */
  readonly snapshotRetentionDays?: number;
  /** Time between rotations of the admin secret. @default DEFAULT_SECRET_ROTATION (30 days) */
  readonly secretRotation?: Duration;
  /** How long audit logs are kept in CloudWatch. @default DEFAULT_AUDIT_LOG_RETENTION (one year) */
  readonly auditLogRetention?: logs.RetentionDays;
  /**
   * `destroy` deletes the cluster with its stack; `retain` deletes it after a final snapshot and keeps its key and logs.
   * @default DEFAULT_DATA_RETENTION ('retain')
   */
  readonly retention?: DataRetention;
}
