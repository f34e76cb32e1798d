import * as redshift from '@aws-cdk/aws-redshift-alpha';
import { ArnFormat, Duration, Stack, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { CfnCluster } from 'aws-cdk-lib/aws-redshift';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import {
  adminUsernameRule, clusterPortRule, maintenanceWindowRule, numberOfNodesRule, snapshotRetentionDaysRule,
} from '../../config/rules';
import { waiveControl } from '../private/control-tower-waiver';
import { checkProp } from '../private/prop-checks';
import { clusterRemovalPolicyFor, DEFAULT_DATA_RETENTION, removalPolicyFor } from '../private/data-retention';
import type { WarehouseHealth } from '../orchestration/pipeline-alarms-props';
import { AUDIT_LOG_TYPES, auditLogGroups, copyRole, type Warehouse, WAREHOUSE_PARAMETERS, warehouseKey } from './warehouse';
import type { WarehouseClusterProps } from './warehouse-cluster-props';
import type { DataApiWarehouse } from '../../warehouse/data-api-target';

export const DEFAULT_NODE_TYPE = redshift.NodeType.RA3_LARGE;
export const DEFAULT_NUMBER_OF_NODES = 1;
export const DEFAULT_WAREHOUSE_PORT = 5477;
export const DEFAULT_ADMIN_USERNAME = 'pipeline_admin';
export const DEFAULT_DATABASE_NAME = 'analytics';
export const DEFAULT_MAINTENANCE_WINDOW = 'sun:03:00-sun:03:30';
export const DEFAULT_SNAPSHOT_RETENTION_DAYS = 7;
export const DEFAULT_SECRET_ROTATION = Duration.days(30);
export const DEFAULT_AUDIT_LOG_RETENTION = logs.RetentionDays.ONE_YEAR;

/**
 * A private Redshift cluster: encrypted with its own customer-managed key, not publicly accessible, enhanced VPC routing
 * (its own S3 and Kinesis traffic goes through the VPC's endpoints; COPY from Parquet runs on Redshift Spectrum, outside
 * the VPC), TLS required, audit logs exported to encrypted CloudWatch log groups, a non-default port and admin user
 * whose password lives in a rotated Secrets Manager secret, fixed maintenance window, automated snapshots, and a final
 * snapshot when a retained stage deletes it. Its COPY role may read the curated zone and nothing else.
 */
export class WarehouseCluster extends Construct implements Warehouse {
  public readonly kind = 'provisioned';
  public readonly rolePrincipal: iam.IPrincipal = new iam.ServicePrincipal('redshift.amazonaws.com');
  public readonly cluster: redshift.Cluster;
  /** Encrypts the cluster, its admin secret and its audit logs. */
  public readonly key: kms.Key;
  /** Admin credentials (JSON: username, password, host, port, dbname). */
  public readonly adminSecret: secretsmanager.ISecret;
  /** The role the cluster assumes for COPY from the curated zone. */
  public readonly copyRole: iam.Role;
  public readonly clusterName: string;
  public readonly databaseName: string;
  public readonly securityGroup: ec2.SecurityGroup;
  /** The rotation function's group: the only one allowed to the cluster and the Secrets Manager endpoint. */
  public readonly rotationSecurityGroup: ec2.SecurityGroup;
  public readonly auditLogGroups: readonly logs.LogGroup[];
  public readonly connections: ec2.Connections;
  public readonly dataApiTarget: DataApiWarehouse;
  public readonly health: WarehouseHealth;

  constructor(scope: Construct, id: string, props: WarehouseClusterProps) {
    super(scope, id);
    checkProp(this, 'port', props.port, clusterPortRule);
    checkProp(this, 'adminUsername', props.adminUsername, adminUsernameRule);
    checkProp(this, 'numberOfNodes', props.numberOfNodes, numberOfNodesRule);
    checkProp(this, 'snapshotRetentionDays', props.snapshotRetentionDays, snapshotRetentionDaysRule);
    checkProp(this, 'maintenanceWindow', props.maintenanceWindow, maintenanceWindowRule);
    const retention = props.retention ?? DEFAULT_DATA_RETENTION;
    const numberOfNodes = props.numberOfNodes ?? DEFAULT_NUMBER_OF_NODES;
    this.clusterName = props.clusterName;
    this.databaseName = props.databaseName ?? DEFAULT_DATABASE_NAME;

    this.dataApiTarget = { clusterIdentifier: props.clusterName };
    this.health = { kind: 'provisioned', clusterIdentifier: props.clusterName };
    this.key = warehouseKey(this, `Encrypts the ${props.clusterName} Redshift cluster, its admin secret and audit logs`, retention);
    this.copyRole = copyRole(this, props.curatedZone, this.rolePrincipal);

    // No ingress rule unless a connection is explicitly allowed (the rotation function below, BI clients by the caller).
    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: `${props.clusterName} Redshift cluster`,
    });

    this.cluster = new redshift.Cluster(this, 'Cluster', {
      clusterName: props.clusterName,
      vpc: props.vpc,
      vpcSubnets: props.subnets,
      securityGroups: [this.securityGroup],
      nodeType: props.nodeType ?? DEFAULT_NODE_TYPE,
      clusterType: numberOfNodes === 1 ? redshift.ClusterType.SINGLE_NODE : redshift.ClusterType.MULTI_NODE,
      numberOfNodes: numberOfNodes === 1 ? undefined : numberOfNodes,
      port: props.port ?? DEFAULT_WAREHOUSE_PORT,
      defaultDatabaseName: this.databaseName,
      masterUser: { masterUsername: props.adminUsername ?? DEFAULT_ADMIN_USERNAME, encryptionKey: this.key },
      encrypted: true,
      encryptionKey: this.key,
      publiclyAccessible: false,
      enhancedVpcRouting: true,
      preferredMaintenanceWindow: props.maintenanceWindow ?? DEFAULT_MAINTENANCE_WINDOW,
      parameterGroup: new redshift.ClusterParameterGroup(this, 'Parameters', {
        description: `${props.clusterName}: TLS only, user activity logging`,
        parameters: { ...WAREHOUSE_PARAMETERS },
      }),
      roles: [this.copyRole],
      // For the subnet group; the cluster's own policy is set below, as the alpha Cluster rejects
      // RemovalPolicy.SNAPSHOT (SnapshotRemovalNotSupported).
      removalPolicy: removalPolicyFor(retention),
    });
    this.connections = this.cluster.connections;
    this.adminSecret = this.cluster.secret!;
    // A cluster restored from the final snapshot keeps its admin password: a retained stage keeps the secret too.
    (this.cluster.node.findChild('Secret') as secretsmanager.Secret).applyRemovalPolicy(removalPolicyFor(retention));
    // Built here rather than with addRotationSingleUser, which cannot name the Secrets Manager endpoint to open.
    this.rotationSecurityGroup = new ec2.SecurityGroup(this, 'RotationSecurityGroup', {
      vpc: props.vpc,
      description: `${props.clusterName} admin secret rotation function`,
    });
    props.secretsManagerEndpoint.connections.allowDefaultPortFrom(this.rotationSecurityGroup, 'Secret rotation function');
    new secretsmanager.SecretRotation(this, 'AdminSecretRotation', {
      securityGroup: this.rotationSecurityGroup,
      application: secretsmanager.SecretRotationApplication.REDSHIFT_ROTATION_SINGLE_USER,
      secret: this.adminSecret,
      target: this.cluster,
      vpc: props.vpc,
      vpcSubnets: props.subnets,
      endpoint: props.secretsManagerEndpoint,
      automaticallyAfter: props.secretRotation ?? DEFAULT_SECRET_ROTATION,
      // A rotation at deploy time would change the password while the schema migrator uses it. The first rotation comes
      // with the schedule; until then Secrets Manager only tests the rotation function:
      // https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_RotateSecret.html (RotateImmediately)
      rotateImmediatelyOnUpdate: false,
    });

    const cfnCluster = this.cluster.node.defaultChild as CfnCluster;
    cfnCluster.applyRemovalPolicy(clusterRemovalPolicyFor(retention), { applyToUpdateReplacePolicy: true });
    Validations.of(cfnCluster).acknowledge({
      id: 'AwsSolutions-RS3',
      reason: 'The admin user name is a dynamic reference to the secret, which cdk-nag cannot read; it comes from the validated stage configuration, which rejects awsuser.',
    });
    waiveControl(cfnCluster, 'redshift_default_admin_check',
      'The admin user name is a dynamic reference to the secret, resolved at deploy time, which the rule cannot see: it reads literal values only. The stage configuration rejects awsuser.');
    waiveControl(cfnCluster, 'redshift_cluster_audit_logging_enabled_check',
      'Audit logs are exported to CloudWatch Logs (encrypted log groups, the stage\'s retention); the rule knows only the S3 destination.');
    cfnCluster.automatedSnapshotRetentionPeriod = props.snapshotRetentionDays ?? DEFAULT_SNAPSHOT_RETENTION_DAYS;

    // Redshift writes to /aws/redshift/cluster/<name>/<log>.
    this.auditLogGroups = auditLogGroups(this, `/aws/redshift/cluster/${props.clusterName}`, this.key,
      props.auditLogRetention ?? DEFAULT_AUDIT_LOG_RETENTION, retention);
    cfnCluster.loggingProperties = { logDestinationType: 'cloudwatch', logExports: [...AUDIT_LOG_TYPES] };
    cfnCluster.node.addDependency(...this.auditLogGroups);
  }

  /** ARN of the cluster, as IAM policies name it. */
  public get clusterArn(): string {
    return Stack.of(this).formatArn({ service: 'redshift', resource: 'cluster', resourceName: this.clusterName, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
  }

  public get warehouseName(): string {
    return this.clusterName;
  }

  public get dataApiArn(): string {
    return this.clusterArn;
  }

  public get ready(): redshift.Cluster {
    return this.cluster;
  }

  public addIamRole(role: iam.IRole): void {
    this.cluster.addIamRole(role);
  }
}
