import type { Duration } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type { DataRetention } from '../private/data-retention';
import type { LakeZone } from '../lake/lake-zone';

export interface WarehouseWorkgroupProps {
  /** The VPC the workgroup's endpoint lives in. */
  readonly vpc: ec2.IVpc;
  /**
   * Subnets of the workgroup and its rotation function: private isolated ones, in at least SERVERLESS_MIN_AZS
   * availability zones (enhanced VPC routing needs three).
   */
  readonly subnets: ec2.SubnetSelection;
  /** The Secrets Manager endpoint the rotation function calls; it is opened to that function only. */
  readonly secretsManagerEndpoint: ec2.IInterfaceVpcEndpoint;
  /** The only zone the COPY role may read. */
  readonly curatedZone: LakeZone;
  /** Name of the namespace and of the workgroup; also names the audit log groups, so it is fixed rather than generated. */
  readonly warehouseName: string;
  /** RPUs queries start with: 4, or a multiple of 8 from 8 to 512. @default DEFAULT_BASE_CAPACITY_RPUS (4) */
  readonly baseCapacityRpus?: number;
  /** RPU-hours the workgroup may use per month before its queries are turned off. @default DEFAULT_MONTHLY_RPU_HOURS_LIMIT (60) */
  readonly monthlyRpuHoursLimit?: number;
  /** Port, in 5431-5455 or 8191-8215 and never the default 5439. @default DEFAULT_SERVERLESS_PORT (5441) */
  readonly port?: number;
  /** Admin user name: a lowercase identifier, never Redshift's default `awsuser`. @default DEFAULT_ADMIN_USERNAME ('pipeline_admin') */
  readonly adminUsername?: string;
  /** Database the namespace creates. @default DEFAULT_DATABASE_NAME ('analytics') */
  readonly databaseName?: string;
  /** Time between rotations of the admin secret. @default DEFAULT_SECRET_ROTATION (30 days) */
  readonly secretRotation?: Duration;
  /** How long audit logs are kept in CloudWatch. @default DEFAULT_AUDIT_LOG_RETENTION (one year) */
  readonly auditLogRetention?: logs.RetentionDays;
  /**
   * `destroy` deletes the namespace (and its data) with its stack; `retain` keeps the namespace, its secret, key and logs.
   * @default DEFAULT_DATA_RETENTION ('retain')
   */
  readonly retention?: DataRetention;
}
