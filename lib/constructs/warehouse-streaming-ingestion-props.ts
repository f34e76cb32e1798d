import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as kinesis from 'aws-cdk-lib/aws-kinesis';
import type { WarehouseCluster } from './warehouse-cluster';

export interface WarehouseStreamingIngestionProps {
  /** The cluster that reads the stream. */
  readonly warehouse: WarehouseCluster;
  /**
   * The stream of order changes the materialized view reads. Its name must be a literal in lower case
   * (`streamNameForRedshift`): give the stream an explicit name.
   */
  readonly stream: kinesis.IStream;
  /** The Kinesis interface endpoint of the cluster's VPC: the cluster is admitted to it on HTTPS, and to nothing else. */
  readonly kinesisEndpoint: ec2.IInterfaceVpcEndpoint;
}
