import { RemovalPolicy } from 'aws-cdk-lib';

/**
 * What happens to stored data when its stack is deleted: `destroy` (throw-away stages) or `retain`.
 * This module is the one place that turns it into removal policies, so no construct decides on its own.
 */
export type DataRetention = 'destroy' | 'retain';

/** The default for every construct that stores data: keep it. */
export const DEFAULT_DATA_RETENTION: DataRetention = 'retain';

/** The removal policy for stored data and the keys that encrypt it. */
export function removalPolicyFor(retention: DataRetention): RemovalPolicy {
  return retention === 'destroy' ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN;
}

/** Whether buckets may be emptied on deletion (only when data is destroyed anyway). */
export function autoDeleteObjectsFor(retention: DataRetention): boolean {
  return retention === 'destroy';
}

/**
 * The removal policy for a database cluster: a throw-away stage deletes it, a retained stage deletes the cluster
 * but keeps a final snapshot (the data survives, the running cost does not).
 */
export function clusterRemovalPolicyFor(retention: DataRetention): RemovalPolicy {
  return retention === 'destroy' ? RemovalPolicy.DESTROY : RemovalPolicy.SNAPSHOT;
}
