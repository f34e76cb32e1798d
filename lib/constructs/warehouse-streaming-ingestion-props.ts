import type * as kinesis from 'aws-cdk-lib/aws-kinesis';
import type { WarehouseCluster } from './warehouse-cluster';

export interface WarehouseStreamingIngestionProps {
  /** The cluster that reads the stream. */
  readonly warehouse: WarehouseCluster;
  /** The stream of order changes the materialized view reads. */
  readonly stream: kinesis.IStream;
}
