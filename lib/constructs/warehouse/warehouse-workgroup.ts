import { ArnFormat, Aws, Lazy, Stack, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as redshiftserverless from 'aws-cdk-lib/aws-redshiftserverless';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import type { DataApiWarehouse } from '../../warehouse/data-api-target';
import { adminUsernameRule, baseCapacityRpusRule, positiveInt, workgroupPortRule } from '../../config/rules';
import { DEFAULT_DATA_RETENTION, removalPolicyFor } from '../private/data-retention';
import { checkProp } from '../private/prop-checks';
import type { WarehouseHealth } from '../orchestration/pipeline-alarms-props';
import { AUDIT_LOG_TYPES, auditLogGroups, copyRole, type Warehouse, WAREHOUSE_PARAMETERS, warehouseKey } from './warehouse';
import {
  DEFAULT_ADMIN_USERNAME, DEFAULT_AUDIT_LOG_RETENTION, DEFAULT_DATABASE_NAME, DEFAULT_SECRET_ROTATION,
} from './warehouse-cluster';
import type { WarehouseWorkgroupProps } from './warehouse-workgroup-props';

export const DEFAULT_BASE_CAPACITY_RPUS = 4;
export const DEFAULT_MONTHLY_RPU_HOURS_LIMIT = 60;
export const DEFAULT_SERVERLESS_PORT = 5441;
/**
 * A workgroup with enhanced VPC routing needs subnets in three availability zones (two without it):
 * https://docs.aws.amazon.com/redshift/latest/mgmt/serverless-usage-considerations.html
 */
export const SERVERLESS_MIN_AZS = 3;
/** Past the monthly limit Redshift turns user queries off until the next month, rather than only logging it. */
export const USAGE_LIMIT_BREACH_ACTION = 'deactivate';

/**
 * A private Amazon Redshift Serverless warehouse: a namespace (the data, encrypted with its own customer-managed key,
 * audit logs exported to encrypted CloudWatch log groups, the COPY role) and a workgroup (the compute: not publicly
 * accessible, enhanced VPC routing, TLS required, user activity logged, a non-default port, a base capacity and a
 * monthly usage limit in RPU-hours). The admin password lives in a Secrets Manager secret, encrypted with the same key,
 * rotated on a schedule by the Redshift single-user rotation inside the VPC, never during a deploy.
 */
export class WarehouseWorkgroup extends Construct implements Warehouse {
  public readonly kind = 'serverless';
  /** Redshift Serverless assumes the namespace's roles as either service. */
  public readonly rolePrincipal: iam.IPrincipal = new iam.CompositePrincipal(
    new iam.ServicePrincipal('redshift.amazonaws.com'), new iam.ServicePrincipal('redshift-serverless.amazonaws.com'));
  public readonly warehouseName: string;
  public readonly databaseName: string;
  public readonly key: kms.Key;
  public readonly adminSecret: secretsmanager.Secret;
  public readonly copyRole: iam.Role;
  public readonly securityGroup: ec2.SecurityGroup;
  public readonly connections: ec2.Connections;
  /** The rotation function's group: the only one allowed to the workgroup and the Secrets Manager endpoint. */
  public readonly rotationSecurityGroup: ec2.SecurityGroup;
  public readonly auditLogGroups: readonly logs.LogGroup[];
  public readonly namespace: redshiftserverless.CfnNamespace;
  public readonly workgroup: redshiftserverless.CfnWorkgroup;
  /** Creates, updates and deletes the workgroup's monthly usage limit (CloudFormation has no resource for it). */
  public readonly usageLimit: cr.AwsCustomResource;
  public readonly dataApiTarget: DataApiWarehouse;
  public readonly health: WarehouseHealth;

  private readonly roles: iam.IRole[] = [];

  constructor(scope: Construct, id: string, props: WarehouseWorkgroupProps) {
    super(scope, id);
    checkProp(this, 'port', props.port, workgroupPortRule);
    checkProp(this, 'adminUsername', props.adminUsername, adminUsernameRule);
    checkProp(this, 'baseCapacityRpus', props.baseCapacityRpus, baseCapacityRpusRule);
    checkProp(this, 'monthlyRpuHoursLimit', props.monthlyRpuHoursLimit, positiveInt);
    const retention = props.retention ?? DEFAULT_DATA_RETENTION;
    const port = props.port ?? DEFAULT_SERVERLESS_PORT;
    const adminUsername = props.adminUsername ?? DEFAULT_ADMIN_USERNAME;
    const monthlyRpuHoursLimit = props.monthlyRpuHoursLimit ?? DEFAULT_MONTHLY_RPU_HOURS_LIMIT;
    this.warehouseName = props.warehouseName;
    this.databaseName = props.databaseName ?? DEFAULT_DATABASE_NAME;
    this.dataApiTarget = { workgroupName: props.warehouseName };
    this.health = { kind: 'serverless', workgroupName: props.warehouseName, monthlyRpuHoursLimit };

    this.key = warehouseKey(this, `Encrypts the ${props.warehouseName} Redshift Serverless namespace, its admin secret and audit logs`, retention);
    this.copyRole = copyRole(this, props.curatedZone, this.rolePrincipal);
    this.roles.push(this.copyRole);

    // No ingress rule unless a connection is explicitly allowed (the rotation function below, BI clients by the caller).
    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: `${props.warehouseName} Redshift Serverless workgroup`,
    });
    this.connections = new ec2.Connections({ securityGroups: [this.securityGroup], defaultPort: ec2.Port.tcp(port) });

    // The fields the Redshift rotation function reads; the workgroup's endpoint name follows from its name:
    // https://docs.aws.amazon.com/secretsmanager/latest/userguide/reference_secret_json_structure.html
    this.adminSecret = new secretsmanager.Secret(this, 'AdminSecret', {
      description: `Admin credentials of the ${props.warehouseName} Redshift Serverless namespace`,
      encryptionKey: this.key,
      removalPolicy: removalPolicyFor(retention),
      generateSecretString: {
        secretStringTemplate: JSON.stringify({
          engine: 'redshift',
          username: adminUsername,
          dbname: this.databaseName,
          port,
          host: `${props.warehouseName}.${Aws.ACCOUNT_ID}.${Aws.REGION}.redshift-serverless.${Aws.URL_SUFFIX}`,
        }),
        generateStringKey: 'password',
        passwordLength: 32,
        // Redshift refuses these in a password: https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_USER.html
        excludeCharacters: '"\'\\/@ ',
        requireEachIncludedType: true,
      },
    });

    // Redshift Serverless writes to /aws/redshift/<namespace>/<log>:
    // https://docs.aws.amazon.com/redshift/latest/mgmt/serverless-audit-logging.html
    this.auditLogGroups = auditLogGroups(this, `/aws/redshift/${props.warehouseName}`, this.key,
      props.auditLogRetention ?? DEFAULT_AUDIT_LOG_RETENTION, retention);

    this.namespace = new redshiftserverless.CfnNamespace(this, 'Namespace', {
      namespaceName: props.warehouseName,
      dbName: this.databaseName,
      adminUsername,
      adminUserPassword: this.adminSecret.secretValueFromJson('password').unsafeUnwrap(),
      kmsKeyId: this.key.keyArn,
      logExports: [...AUDIT_LOG_TYPES],
      iamRoles: Lazy.list({ produce: () => this.roles.map((role) => role.roleArn) }),
    });
    this.namespace.applyRemovalPolicy(removalPolicyFor(retention));
    this.namespace.node.addDependency(...this.auditLogGroups);

    this.workgroup = new redshiftserverless.CfnWorkgroup(this, 'Workgroup', {
      workgroupName: props.warehouseName,
      namespaceName: props.warehouseName,
      baseCapacity: props.baseCapacityRpus ?? DEFAULT_BASE_CAPACITY_RPUS,
      port,
      publiclyAccessible: false,
      enhancedVpcRouting: true,
      subnetIds: props.vpc.selectSubnets(props.subnets).subnetIds,
      securityGroupIds: [this.securityGroup.securityGroupId],
      configParameters: Object.entries(WAREHOUSE_PARAMETERS).map(([parameterKey, parameterValue]) => ({ parameterKey, parameterValue })),
    });
    this.workgroup.node.addDependency(this.namespace);

    this.rotationSecurityGroup = new ec2.SecurityGroup(this, 'RotationSecurityGroup', {
      vpc: props.vpc,
      description: `${props.warehouseName} admin secret rotation function`,
    });
    props.secretsManagerEndpoint.connections.allowDefaultPortFrom(this.rotationSecurityGroup, 'Secret rotation function');
    const rotation = new secretsmanager.SecretRotation(this, 'AdminSecretRotation', {
      securityGroup: this.rotationSecurityGroup,
      application: secretsmanager.SecretRotationApplication.REDSHIFT_ROTATION_SINGLE_USER,
      secret: this.adminSecret,
      target: this,
      vpc: props.vpc,
      vpcSubnets: props.subnets,
      endpoint: props.secretsManagerEndpoint,
      automaticallyAfter: props.secretRotation ?? DEFAULT_SECRET_ROTATION,
      // As for the cluster: a rotation at deploy time would change the password while the schema migrator uses it.
      rotateImmediatelyOnUpdate: false,
    });
    // The first rotation connects to the workgroup, which must exist by then.
    rotation.node.addDependency(this.workgroup);

    this.usageLimit = this.createUsageLimit(monthlyRpuHoursLimit, new logs.LogGroup(this, 'UsageLimitLogs', {
      encryptionKey: this.key,
      retention: props.auditLogRetention ?? DEFAULT_AUDIT_LOG_RETENTION,
      removalPolicy: removalPolicyFor(retention),
    }));
  }

  /** ARN of the workgroup, as IAM policies name it for the Data API. */
  public get dataApiArn(): string {
    return this.workgroup.attrWorkgroupWorkgroupArn;
  }

  public get ready(): redshiftserverless.CfnWorkgroup {
    return this.workgroup;
  }

  public addIamRole(role: iam.IRole): void {
    this.roles.push(role);
  }

  /**
   * The monthly limit on RPU-hours, through the Redshift Serverless API:
   * https://docs.aws.amazon.com/redshift-serverless/latest/APIReference/API_CreateUsageLimit.html
   */
  private createUsageLimit(amount: number, logGroup: logs.ILogGroup): cr.AwsCustomResource {
    const limit = { amount, breachAction: USAGE_LIMIT_BREACH_ACTION };
    const usageLimitId = cr.PhysicalResourceId.fromResponse('usageLimit.usageLimitId');
    const stack = Stack.of(this);
    const usageLimits = stack.formatArn({
      service: 'redshift-serverless', resource: 'usagelimit', resourceName: '*', arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
    const usageLimit = new cr.AwsCustomResource(this, 'UsageLimit', {
      resourceType: 'Custom::RedshiftServerlessUsageLimit',
      onCreate: {
        service: 'redshift-serverless',
        action: 'CreateUsageLimit',
        parameters: { resourceArn: this.workgroup.attrWorkgroupWorkgroupArn, usageType: 'serverless-compute', period: 'monthly', ...limit },
        physicalResourceId: usageLimitId,
      },
      onUpdate: {
        service: 'redshift-serverless',
        action: 'UpdateUsageLimit',
        parameters: { usageLimitId: new cr.PhysicalResourceIdReference(), ...limit },
        physicalResourceId: usageLimitId,
      },
      onDelete: {
        service: 'redshift-serverless',
        action: 'DeleteUsageLimit',
        parameters: { usageLimitId: new cr.PhysicalResourceIdReference() },
        // A workgroup deleted first takes its limits with it.
        ignoreErrorCodesMatching: 'ResourceNotFoundException',
      },
      policy: cr.AwsCustomResourcePolicy.fromStatements([new iam.PolicyStatement({
        actions: ['redshift-serverless:CreateUsageLimit', 'redshift-serverless:UpdateUsageLimit', 'redshift-serverless:DeleteUsageLimit'],
        resources: [this.workgroup.attrWorkgroupWorkgroupArn, usageLimits],
      })]),
      installLatestAwsSdk: false,
      logGroup,
    });
    Validations.of(usageLimit).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:${stack.partition}:redshift-serverless:${stack.region}:<AWS::AccountId>:usagelimit/*]`,
      reason: 'A usage limit\'s id is assigned when it is created; the function updates and deletes only the limit it created.',
    });
    return usageLimit;
  }
}
