import type * as s3 from 'aws-cdk-lib/aws-s3';

/**
 * Makes `bucket` send all its events to EventBridge's default bus, where rules pick what they need (the landing
 * trigger takes object-created events). Set on the bucket resource itself: the L2 `eventBridgeEnabled` goes through a
 * custom resource and its Lambda, which AWS Control Tower's CT.S3.PR.4 (event notifications on every bucket) cannot read.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-s3-bucket-eventbridgeconfiguration.html
 */
export function sendBucketEventsToEventBridge(bucket: s3.Bucket): void {
  (bucket.node.defaultChild as s3.CfnBucket).notificationConfiguration = { eventBridgeConfiguration: { eventBridgeEnabled: true } };
}
