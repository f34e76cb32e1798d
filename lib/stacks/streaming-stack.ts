import { Duration, Size, Stack, type StackProps } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as glue from 'aws-cdk-lib/aws-glue';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import type { StageConfigSlice } from '../config/stage-config';
import type { LakeZone } from '../constructs/lake/lake-zone';
import { OrdersCdcStream } from '../constructs/streaming/orders-cdc-stream';
import { OrdersChangeDelivery } from '../constructs/streaming/orders-change-delivery';

export type StreamingStackConfig = StageConfigSlice<'streaming' | 'logRetentionDays' | 'removalPolicy' | 'reservedConcurrency'>;

export interface StreamingStackProps extends StackProps {
  /** The keys of the stage's configuration this stack reads. */
  readonly config: StreamingStackConfig;
  /** The orders table (stateful stack `OrdersSource`). */
  readonly ordersTable: dynamodb.ITableV2;
  readonly emailHashKey: secretsmanager.ISecret;
  readonly rawZone: LakeZone;
  readonly rawDatabase: glue.IDatabase;
  /** Where the forwarder keeps the changes it can never forward. */
  readonly quarantineZone: LakeZone;
  /** The order change stream's name: lower case, as Redshift streaming ingestion names it in SQL. */
  readonly ordersStreamName: string;
}

/** Stateless: orders CDC from the table's stream through Kinesis and Firehose into the raw zone. */
export class StreamingStack extends Stack {
  public readonly cdc: OrdersCdcStream;
  public readonly delivery: OrdersChangeDelivery;

  constructor(scope: Construct, id: string, props: StreamingStackProps) {
    super(scope, id, props);
    const { streaming, logRetentionDays, removalPolicy, reservedConcurrency } = props.config;
    this.cdc = new OrdersCdcStream(this, 'OrdersCdc', {
      table: props.ordersTable,
      streamName: props.ordersStreamName,
      emailHashKey: props.emailHashKey,
      quarantineZone: props.quarantineZone,
      capacity: streaming.kinesisCapacity,
      streamRetention: Duration.hours(streaming.kinesisRetentionHours),
      logRetention: logRetentionDays,
      retention: removalPolicy,
      reservedConcurrency: reservedConcurrency.cdcForwarder,
    });
    this.delivery = new OrdersChangeDelivery(this, 'OrderChangeDelivery', {
      source: this.cdc.stream,
      rawZone: props.rawZone,
      database: props.rawDatabase,
      bufferingInterval: Duration.seconds(streaming.firehoseBufferIntervalSeconds),
      bufferingSize: Size.mebibytes(streaming.firehoseBufferSizeMiB),
      logRetention: logRetentionDays,
      retention: removalPolicy,
      reservedConcurrency: reservedConcurrency.changeProcessor,
    });
    // Firehose reads Kinesis from where the stream is when it starts (LATEST), so the forwarder, whose new event source
    // mapping replays the table's stream from its oldest record, starts after it: a recreated stack loses no change.
    // https://docs.aws.amazon.com/firehose/latest/dev/writing-with-kinesis-streams.html
    this.cdc.forwarder.function.node.addDependency(this.delivery.deliveryStream);
  }
}
