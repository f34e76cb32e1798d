import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct, IConstruct, IDependable } from 'constructs';
import type { WarehouseKind } from '../../config/stage-config';
import type { DataApiWarehouse } from '../../warehouse/data-api-target';
import { type DataRetention, removalPolicyFor } from '../private/data-retention';
import { limitGrantsToAwsResources } from '../private/key-grants';
import { allowLogGroupEncryption } from '../private/log-encryption';
import type { LakeZone } from '../lake/lake-zone';
import type { WarehouseHealth } from '../orchestration/pipeline-alarms-props';

/** The audit logs Redshift exports to CloudWatch Logs. */
export const AUDIT_LOG_TYPES = ['connectionlog', 'userlog', 'useractivitylog'] as const;
/** Settings every warehouse gets: TLS only, and every query logged (useractivitylog needs this as well as the export). */
export const WAREHOUSE_PARAMETERS: Readonly<Record<string, string>> = {
  require_ssl: 'true',
  enable_user_activity_logging: 'true',
};

/**
 * What the rest of the app needs of the warehouse, whichever its kind (WarehouseCluster: provisioned;
 * WarehouseWorkgroup: Redshift Serverless): private, encrypted with `key`, audited, loaded with `copyRole`, reached
 * through the Data API with `adminSecret`.
 */
export interface Warehouse extends IConstruct {
  readonly kind: WarehouseKind;
  /** The cluster identifier, or the name of the namespace and workgroup. */
  readonly warehouseName: string;
  readonly databaseName: string;
  /** Encrypts the warehouse, its admin secret and its audit logs. */
  readonly key: kms.Key;
  /** Admin credentials (JSON: username, password, host, port, dbname). */
  readonly adminSecret: secretsmanager.ISecret;
  /** The role the warehouse assumes for COPY from the curated zone. */
  readonly copyRole: iam.Role;
  /** Whom a role the warehouse assumes must trust. */
  readonly rolePrincipal: iam.IPrincipal;
  readonly securityGroup: ec2.SecurityGroup;
  /** Connections to the warehouse's port: allow a BI network here. */
  readonly connections: ec2.Connections;
  readonly auditLogGroups: readonly logs.LogGroup[];
  /** What a Data API statement names to run here. */
  readonly dataApiTarget: DataApiWarehouse;
  /** The ARN IAM authorizes Data API statements on: the cluster's, or the workgroup's. */
  readonly dataApiArn: string;
  /** Exists once statements can run. */
  readonly ready: IDependable;
  /** The metrics this kind of warehouse publishes, for the alarms. */
  readonly health: WarehouseHealth;
  /** Lets the warehouse assume `role` (e.g. for streaming ingestion). */
  addIamRole(role: iam.IRole): void;
}

/** The warehouse's own rotating key, usable by CloudWatch Logs for its audit logs. */
export function warehouseKey(scope: Construct, description: string, retention: DataRetention): kms.Key {
  const key = new kms.Key(scope, 'Key', { description, enableKeyRotation: true, removalPolicy: removalPolicyFor(retention) });
  allowLogGroupEncryption(key);
  limitGrantsToAwsResources(key);
  return key;
}

/** The COPY role: assumed by `principal`, may read the curated zone and nothing else. */
export function copyRole(scope: Construct, curatedZone: LakeZone, principal: iam.IPrincipal): iam.Role {
  const role = new iam.Role(scope, 'CopyRole', {
    assumedBy: principal,
    description: 'Assumed by the warehouse for COPY: reads the curated zone only',
  });
  curatedZone.grantRead(role);
  return role;
}

/** The audit log groups Redshift writes to (`<prefix>/<log type>`), created first to set their retention and key. */
export function auditLogGroups(scope: Construct, prefix: string, key: kms.Key, retention: logs.RetentionDays,
  dataRetention: DataRetention): logs.LogGroup[] {
  return AUDIT_LOG_TYPES.map((logType) => new logs.LogGroup(scope, `AuditLog-${logType}`, {
    logGroupName: `${prefix}/${logType}`,
    encryptionKey: key,
    retention,
    removalPolicy: removalPolicyFor(dataRetention),
  }));
}
