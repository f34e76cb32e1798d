import type * as logs from 'aws-cdk-lib/aws-logs';
import type { DataRetention } from '../private/data-retention';

export interface WarehouseNetworkProps {
  /** Address range of the VPC. @default DEFAULT_WAREHOUSE_VPC_CIDR ('10.40.0.0/16') */
  readonly cidr?: string;
  /** Availability zones the isolated subnets span. @default DEFAULT_WAREHOUSE_MAX_AZS (2) */
  readonly maxAzs?: number;
  /** AZs each interface endpoint has a network interface in, at most `maxAzs`. @default DEFAULT_INTERFACE_ENDPOINT_AZS (2) */
  readonly interfaceEndpointAzs?: number;
  /** How long the flow logs are kept. @default DEFAULT_FLOW_LOG_RETENTION (one year) */
  readonly flowLogRetention?: logs.RetentionDays;
  /** Add the Kinesis Data Streams interface endpoint that streaming ingestion needs under enhanced VPC routing. @default false */
  readonly kinesisEndpoint?: boolean;
  /** What happens to the flow logs and their key when the stack is deleted. @default DEFAULT_DATA_RETENTION ('retain') */
  readonly retention?: DataRetention;
}
