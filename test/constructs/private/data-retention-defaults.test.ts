import { RemovalPolicy } from 'aws-cdk-lib';
import {
  autoDeleteObjectsFor, clusterRemovalPolicyFor, DEFAULT_DATA_RETENTION, removalPolicyFor,
} from '../../../lib/constructs/private/data-retention';

describe('DataRetention without an explicit choice', () => {
  test('keeps stored data and its keys when the stack is deleted', () => {
    expect(removalPolicyFor(DEFAULT_DATA_RETENTION)).toBe(RemovalPolicy.RETAIN);
  });

  test('never empties buckets on deletion', () => {
    expect(autoDeleteObjectsFor(DEFAULT_DATA_RETENTION)).toBe(false);
  });

  test('keeps a final snapshot of a database cluster', () => {
    expect(clusterRemovalPolicyFor(DEFAULT_DATA_RETENTION)).toBe(RemovalPolicy.SNAPSHOT);
  });
});
