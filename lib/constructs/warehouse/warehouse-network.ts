import { Fn, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { DEFAULT_DATA_RETENTION, removalPolicyFor } from '../private/data-retention';
import { limitGrantsToAwsResources } from '../private/key-grants';
import { allowLogGroupEncryption } from '../private/log-encryption';
import type { WarehouseNetworkProps } from './warehouse-network-props';

export const DEFAULT_WAREHOUSE_VPC_CIDR = '10.40.0.0/16';
export const DEFAULT_WAREHOUSE_MAX_AZS = 2;
/** Every interface endpoint has a network interface in this many AZs (each billed per AZ-hour). */
export const DEFAULT_INTERFACE_ENDPOINT_AZS = 2;
export const DEFAULT_FLOW_LOG_RETENTION = logs.RetentionDays.ONE_YEAR;
/** The subnet group the cluster and the rotation function live in. */
export const WAREHOUSE_SUBNET_GROUP = 'warehouse';

/**
 * The warehouse's private network: isolated subnets only (no internet or NAT gateway, so nothing in it can reach or be
 * reached from the internet), an S3 gateway endpoint for the S3 traffic enhanced VPC routing sends through the VPC
 * (COPY from text formats, UNLOAD; COPY from Parquet runs on Redshift Spectrum, outside it), the Secrets Manager
 * endpoint the secret rotation function calls, flow logs of all traffic to an encrypted log group, and a default
 * security group without rules.
 */
export class WarehouseNetwork extends Construct {
  public readonly vpc: ec2.Vpc;
  public readonly subnets: ec2.SubnetSelection = { subnetGroupName: WAREHOUSE_SUBNET_GROUP };
  public readonly flowLogGroup: logs.LogGroup;
  /** Reached by the secret rotation function only: nothing else in the VPC may connect to it. */
  public readonly secretsManagerEndpoint: ec2.InterfaceVpcEndpoint;
  /** Present with `kinesisEndpoint`; admits no one until a connection is allowed (streaming ingestion admits the cluster). */
  public readonly kinesisEndpoint?: ec2.InterfaceVpcEndpoint;

  constructor(scope: Construct, id: string, props: WarehouseNetworkProps = {}) {
    super(scope, id);
    const removalPolicy = removalPolicyFor(props.retention ?? DEFAULT_DATA_RETENTION);
    const endpointAzs = props.interfaceEndpointAzs ?? DEFAULT_INTERFACE_ENDPOINT_AZS;
    const maxAzs = props.maxAzs ?? DEFAULT_WAREHOUSE_MAX_AZS;
    if (endpointAzs > maxAzs) throw new Error(`${this.node.path}: interfaceEndpointAzs (${endpointAzs}) exceeds maxAzs (${maxAzs})`);

    this.vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: ec2.IpAddresses.cidr(props.cidr ?? DEFAULT_WAREHOUSE_VPC_CIDR),
      availabilityZones: availabilityZones(Stack.of(this), maxAzs),
      natGateways: 0,
      restrictDefaultSecurityGroup: true,
      subnetConfiguration: [{ name: WAREHOUSE_SUBNET_GROUP, subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 }],
      gatewayEndpoints: { S3: { service: ec2.GatewayVpcEndpointAwsService.S3, subnets: [this.subnets] } },
    });

    const flowLogKey = new kms.Key(this, 'FlowLogKey', {
      description: 'Encrypts the warehouse VPC flow logs',
      enableKeyRotation: true,
      removalPolicy,
    });
    allowLogGroupEncryption(flowLogKey);
    limitGrantsToAwsResources(flowLogKey);
    this.flowLogGroup = new logs.LogGroup(this, 'FlowLogs', {
      encryptionKey: flowLogKey,
      retention: props.flowLogRetention ?? DEFAULT_FLOW_LOG_RETENTION,
      removalPolicy,
    });
    this.vpc.addFlowLog('FlowLog', {
      destination: ec2.FlowLogDestination.toCloudWatchLogs(this.flowLogGroup),
      trafficType: ec2.FlowLogTrafficType.ALL,
    });

    // Every subnet routes to an endpoint's interfaces in any AZ; fewer AZs cost less, and fail with those AZs.
    const endpointSubnets: ec2.SubnetSelection = { subnets: this.vpc.isolatedSubnets.slice(0, endpointAzs) };
    this.secretsManagerEndpoint = this.vpc.addInterfaceEndpoint('SecretsManagerEndpoint', {
      service: ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER,
      subnets: endpointSubnets,
      privateDnsEnabled: true,
      open: false,
    });
    if (props.kinesisEndpoint ?? false) {
      this.kinesisEndpoint = this.vpc.addInterfaceEndpoint('KinesisEndpoint', {
        service: ec2.InterfaceVpcEndpointAwsService.KINESIS_STREAMS,
        subnets: endpointSubnets,
        privateDnsEnabled: true,
        open: false,
      });
    }
  }
}

/**
 * The first `count` AZs of the stack's region. A stack without an account knows only two of them by name, so beyond two
 * they are picked by index at deploy time (`Fn::GetAZs`).
 */
function availabilityZones(stack: Stack, count: number): string[] {
  const known = stack.availabilityZones;
  if (known.length >= count) return known.slice(0, count);
  return Array.from({ length: count }, (_, i) => Fn.select(i, Fn.getAzs()));
}
