import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as kinesis from 'aws-cdk-lib/aws-kinesis';
import type { Warehouse } from './warehouse';

export interface WarehouseStreamingIngestionProps {
  /** The warehouse that reads the stream. */
  readonly warehouse: Warehouse;
  /**
   * The stream of order changes the materialized view reads. Its name must be a literal in lower case
   * (`streamNameForRedshift`): give the stream an explicit name.
   */
  readonly stream: kinesis.IStream;
  /** The Kinesis interface endpoint of the warehouse's VPC: the warehouse is admitted to it on HTTPS, and to nothing else. */
  readonly kinesisEndpoint: ec2.IInterfaceVpcEndpoint;
}
