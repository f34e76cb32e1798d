import type { CfnResource } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { stagePipeline } from '../support/pipeline-app';

/**
 * The stage configuration reaches the streaming path, through the app as lib/pipeline.ts composes it. Prod alone: its
 * values differ from every construct default, and the construct tests cover on-demand streams and throw-away stages.
 */
describe.each(['prod'] as const)('the %s stage', (stage) => {
  const pipeline = stagePipeline(stage);
  const { streaming: streamingConfig, logRetentionDays, removalPolicy } = pipeline.config;
  const { assembly } = pipeline;
  const templateOf = (stackId: 'streaming' | 'ordersSource' | 'warehouse') =>
    Template.fromJSON(assembly.getStackArtifact(pipeline.stacks[stackId].artifactId).template);
  const streaming = templateOf('streaming');
  const source = templateOf('ordersSource');

  test('sizes and keeps the Kinesis stream as configured', () => {
    streaming.hasResourceProperties('AWS::Kinesis::Stream', {
      StreamModeDetails: { StreamMode: streamingConfig.kinesisCapacity.mode },
      ShardCount: streamingConfig.kinesisCapacity.mode === 'PROVISIONED' ? streamingConfig.kinesisCapacity.shardCount : Match.absent(),
      RetentionPeriodHours: streamingConfig.kinesisRetentionHours,
    });
  });

  test('names the order change stream in lower case, and the warehouse\'s live view reads it by that name', () => {
    streaming.hasResourceProperties('AWS::Kinesis::Stream', { Name: `ecommerce-${stage}-order-changes` });
    const schema = Object.values(templateOf('warehouse').findResources('Custom::WarehouseSchema'))[0];
    expect(JSON.stringify(schema.Properties.Migrations)).toContain(`FROM orders_stream.\\"ecommerce-${stage}-order-changes\\"`);
  });

  test('buffers Firehose deliveries as configured', () => {
    streaming.hasResourceProperties('AWS::KinesisFirehose::DeliveryStream', {
      ExtendedS3DestinationConfiguration: Match.objectLike({
        BufferingHints: { IntervalInSeconds: streamingConfig.firehoseBufferIntervalSeconds, SizeInMBs: streamingConfig.firehoseBufferSizeMiB },
      }),
    });
  });

  test('keeps every streaming log for the configured days', () => {
    const retentions = Object.values(streaming.findResources('AWS::Logs::LogGroup')).map((r) => r.Properties.RetentionInDays);
    expect(retentions).toEqual([logRetentionDays, logRetentionDays, logRetentionDays]);
  });

  test(`${removalPolicy === 'retain' ? 'keeps' : 'deletes'} the orders table with its stack`, () => {
    source.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: removalPolicy === 'retain' ? 'Retain' : 'Delete',
      Properties: Match.objectLike({ Replicas: [Match.objectLike({ DeletionProtectionEnabled: removalPolicy === 'retain' })] }),
    });
  });

  test('the forwarder and the Firehose processor reserve the concurrency the stage configures', () => {
    const { streaming: stack } = pipeline.stacks;
    const reserved = (fn: { node: { defaultChild?: unknown } }) =>
      streaming.toJSON().Resources[stack.getLogicalId(fn.node.defaultChild as CfnResource)].Properties.ReservedConcurrentExecutions;
    expect([reserved(stack.cdc.forwarder.function), reserved(stack.delivery.processor.function)])
      .toEqual([pipeline.config.reservedConcurrency.cdcForwarder, pipeline.config.reservedConcurrency.changeProcessor]);
  });

  test('the forwarder starts reading the table\'s stream only once Firehose reads Kinesis, which it does from LATEST', () => {
    const { streaming: stack } = pipeline.stacks;
    const deliveryStream = stack.getLogicalId(stack.delivery.deliveryStream.node.defaultChild as CfnResource);
    streaming.hasResource('AWS::Lambda::EventSourceMapping', { DependsOn: Match.arrayWith([deliveryStream]) });
  });

  test('the forwarder reads the stream of the table in the orders-source stack', () => {
    streaming.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetStackOutput': Match.objectLike({ StackName: `ecommerce-${stage}-orders-source` }) },
    });
  });
});
