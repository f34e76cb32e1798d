import { dataApiWarehouseParameters, dataApiWarehouseResource } from '../../lib/warehouse/data-api-target';

/** The Data API takes exactly one of a cluster and a workgroup; IAM authorizes a statement on that one resource. */
test('a statement names the cluster by its identifier, or the workgroup by its name, never both', () => {
  expect(dataApiWarehouseParameters({ clusterIdentifier: 'analytics' })).toEqual({ ClusterIdentifier: 'analytics' });
  expect(dataApiWarehouseParameters({ workgroupName: 'lake' })).toEqual({ WorkgroupName: 'lake' });
});

test('IAM authorizes statements on the cluster, or on the serverless workgroup by its id', () => {
  expect(dataApiWarehouseResource('provisioned')).toBe('arn:{partition}:redshift:{region}:{account}:cluster:{cluster}');
  expect(dataApiWarehouseResource('serverless')).toBe('arn:{partition}:redshift-serverless:{region}:{account}:workgroup/{workgroupId}');
});
