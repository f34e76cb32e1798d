import { App, Duration, Size, Stack } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { EtlJobs } from '../../lib/constructs/etl/etl-jobs';
import { DataLake } from '../../lib/constructs/lake/data-lake';
import type { DataLakeProps } from '../../lib/constructs/lake/data-lake-props';
import { PipelineTriggers } from '../../lib/constructs/orchestration/pipeline-triggers';
import type { PipelineTriggersProps } from '../../lib/constructs/orchestration/pipeline-triggers-props';
import type { EtlJobsProps } from '../../lib/constructs/etl/etl-jobs-props';
import { PropValidationError } from '../../lib/constructs/private/prop-checks';
import { OrdersCdcStream } from '../../lib/constructs/streaming/orders-cdc-stream';
import type { OrdersCdcStreamProps } from '../../lib/constructs/streaming/orders-cdc-stream-props';
import { OrdersChangeDelivery } from '../../lib/constructs/streaming/orders-change-delivery';
import type { OrdersChangeDeliveryProps } from '../../lib/constructs/streaming/orders-change-delivery-props';
import { WarehouseCluster } from '../../lib/constructs/warehouse/warehouse-cluster';
import type { WarehouseClusterProps } from '../../lib/constructs/warehouse/warehouse-cluster-props';
import { WarehouseWorkgroup } from '../../lib/constructs/warehouse/warehouse-workgroup';
import type { WarehouseWorkgroupProps } from '../../lib/constructs/warehouse/warehouse-workgroup-props';

type ConstructClass<P> = new (scope: Construct, id: string, props: P) => Construct;

/**
 * Builds `type` with only the props under test: a construct checks its props before it reads any other, so the
 * error is the check's and no VPC, zone or table is needed.
 */
function build<P>(type: ConstructClass<P>, props: Partial<P>): () => void {
  return () => new type(new Stack(new App(), 'Test'), 'Subject', props as P);
}

const delivery = { bufferingInterval: Duration.seconds(60), bufferingSize: Size.mebibytes(64) };
const stream = { capacity: { mode: 'PROVISIONED', shardCount: 1 }, streamRetention: Duration.hours(24) } as const;

describe('a construct refuses a prop just outside what it accepts, naming itself, the prop and the value', () => {
  test.each<[string, () => void, string]>([
    ['a cluster on the default port', build<WarehouseClusterProps>(WarehouseCluster, { port: 5439 }),
      'WarehouseCluster Test/Subject: port 5439 is not allowed: the default port 5439 is not allowed'],
    ['a cluster on a port below what Redshift accepts', build<WarehouseClusterProps>(WarehouseCluster, { port: 1149 }),
      'WarehouseCluster Test/Subject: port 1149 is not allowed: Too small: expected number to be >=1150'],
    ['a cluster with the default admin user', build<WarehouseClusterProps>(WarehouseCluster, { adminUsername: 'awsuser' }),
      'WarehouseCluster Test/Subject: adminUsername "awsuser" is not allowed: the default admin user name awsuser is not allowed'],
    ['a cluster of 129 nodes', build<WarehouseClusterProps>(WarehouseCluster, { numberOfNodes: 129 }),
      'WarehouseCluster Test/Subject: numberOfNodes 129 is not allowed: Too big: expected number to be <=128'],
    ['a cluster keeping snapshots 36 days', build<WarehouseClusterProps>(WarehouseCluster, { snapshotRetentionDays: 36 }),
      'WarehouseCluster Test/Subject: snapshotRetentionDays 36 is not allowed: Too big: expected number to be <=35'],
    ['a cluster with a malformed maintenance window', build<WarehouseClusterProps>(WarehouseCluster, { maintenanceWindow: 'sun:03:00' }),
      'WarehouseCluster Test/Subject: maintenanceWindow "sun:03:00" is not allowed: expected ddd:hh24:mi-ddd:hh24:mi'],
    ['a workgroup on the default port', build<WarehouseWorkgroupProps>(WarehouseWorkgroup, { port: 5439 }),
      'WarehouseWorkgroup Test/Subject: port 5439 is not allowed: the default port 5439 is not allowed'],
    ['a workgroup on a port above what Redshift Serverless accepts', build<WarehouseWorkgroupProps>(WarehouseWorkgroup, { port: 5456 }),
      'WarehouseWorkgroup Test/Subject: port 5456 is not allowed: expected a port in 5431-5455 or 8191-8215'],
    ['a workgroup with the default admin user', build<WarehouseWorkgroupProps>(WarehouseWorkgroup, { adminUsername: 'awsuser' }),
      'WarehouseWorkgroup Test/Subject: adminUsername "awsuser" is not allowed: the default admin user name awsuser is not allowed'],
    ['a workgroup starting with 12 RPUs', build<WarehouseWorkgroupProps>(WarehouseWorkgroup, { baseCapacityRpus: 12 }),
      'WarehouseWorkgroup Test/Subject: baseCapacityRpus 12 is not allowed: expected 4, or a multiple of 8 from 8 to 512'],
    ['a workgroup allowed no RPU-hours', build<WarehouseWorkgroupProps>(WarehouseWorkgroup, { monthlyRpuHoursLimit: 0 }),
      'WarehouseWorkgroup Test/Subject: monthlyRpuHoursLimit 0 is not allowed: Too small: expected number to be >=1'],
    ['a delivery buffering 59 seconds (no zero buffering with dynamic partitioning)',
      build<OrdersChangeDeliveryProps>(OrdersChangeDelivery, { ...delivery, bufferingInterval: Duration.seconds(59) }),
      'OrdersChangeDelivery Test/Subject: bufferingInterval (seconds) 59 is not allowed: Too small: expected number to be >=60'],
    ['a delivery buffering 901 seconds', build<OrdersChangeDeliveryProps>(OrdersChangeDelivery, { ...delivery, bufferingInterval: Duration.seconds(901) }),
      'OrdersChangeDelivery Test/Subject: bufferingInterval (seconds) 901 is not allowed: Too big: expected number to be <=900'],
    ['a delivery buffering 63 MiB', build<OrdersChangeDeliveryProps>(OrdersChangeDelivery, { ...delivery, bufferingSize: Size.mebibytes(63) }),
      'OrdersChangeDelivery Test/Subject: bufferingSize (MiB) 63 is not allowed: Too small: expected number to be >=64'],
    ['a delivery buffering 129 MiB', build<OrdersChangeDeliveryProps>(OrdersChangeDelivery, { ...delivery, bufferingSize: Size.mebibytes(129) }),
      'OrdersChangeDelivery Test/Subject: bufferingSize (MiB) 129 is not allowed: Too big: expected number to be <=128'],
    ['a stream of no shards', build<OrdersCdcStreamProps>(OrdersCdcStream, { ...stream, capacity: { mode: 'PROVISIONED', shardCount: 0 } }),
      'OrdersCdcStream Test/Subject: capacity {"mode":"PROVISIONED","shardCount":0} is not allowed: Too small: expected number to be >=1'],
    ['an on-demand stream given a shard count, which it would ignore',
      build<OrdersCdcStreamProps>(OrdersCdcStream, { ...stream, capacity: { mode: 'ON_DEMAND', shardCount: 2 } as unknown as OrdersCdcStreamProps['capacity'] }),
      'OrdersCdcStream Test/Subject: capacity {"mode":"ON_DEMAND","shardCount":2} is not allowed: Unrecognized key: "shardCount"'],
    ['a stream keeping records 23 hours', build<OrdersCdcStreamProps>(OrdersCdcStream, { ...stream, streamRetention: Duration.hours(23) }),
      'OrdersCdcStream Test/Subject: streamRetention (hours) 23 is not allowed: Too small: expected number to be >=24'],
    ['a stream keeping records 8761 hours', build<OrdersCdcStreamProps>(OrdersCdcStream, { ...stream, streamRetention: Duration.hours(8761) }),
      'OrdersCdcStream Test/Subject: streamRetention (hours) 8761 is not allowed: Too big: expected number to be <=8760'],
    ['ETL jobs of one worker (a driver and no executor)', build<EtlJobsProps>(EtlJobs, { maxWorkers: 1 }),
      'EtlJobs Test/Subject: maxWorkers 1 is not allowed: Too small: expected number to be >=2'],
    ['ETL jobs retried 11 times', build<EtlJobsProps>(EtlJobs, { maxRetries: 11 }),
      'EtlJobs Test/Subject: maxRetries 11 is not allowed: Too big: expected number to be <=10'],
    ['ETL jobs stopped after no time', build<EtlJobsProps>(EtlJobs, { timeout: Duration.minutes(0) }),
      'EtlJobs Test/Subject: timeout (minutes) 0 is not allowed: Too small: expected number to be >=1'],
    ['a lake moving raw objects to Standard-IA after 29 days (S3 needs 30)', build<DataLakeProps>(DataLake, { rawInfrequentAccessAfter: Duration.days(29) }),
      'DataLake Test/Subject: rawInfrequentAccessAfter (days) 29 is not allowed: Too small: expected number to be >=30'],
    ['a lake keeping change batches 13 days', build<DataLakeProps>(DataLake, { changeBatchExpiration: Duration.days(13) }),
      'DataLake Test/Subject: changeBatchExpiration (days) 13 is not allowed: Too small: expected number to be >=14'],
    ['a lake keeping quarantined records no day', build<DataLakeProps>(DataLake, { quarantineExpiration: Duration.days(0) }),
      'DataLake Test/Subject: quarantineExpiration (days) 0 is not allowed: Too small: expected number to be >=1'],
    ['triggers on a schedule EventBridge cannot read', build<PipelineTriggersProps>(PipelineTriggers, { schedule: 'daily', landingBatchWindow: Duration.minutes(1) }),
      'PipelineTriggers Test/Subject: schedule "daily" is not allowed: expected rate(N unit) or cron(min hour day-of-month month day-of-week year)'],
    ['triggers batching landing files 301 seconds', build<PipelineTriggersProps>(PipelineTriggers, { schedule: 'rate(1 day)', landingBatchWindow: Duration.seconds(301) }),
      'PipelineTriggers Test/Subject: landingBatchWindow (seconds) 301 is not allowed: Too big: expected number to be <=300'],
  ])('%s', (_case, construct, message) => {
    expect(construct).toThrow(PropValidationError);
    expect(construct).toThrow(message);
  });
});
