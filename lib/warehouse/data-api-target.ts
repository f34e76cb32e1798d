import { awsArn } from '../aws-call';
import type { WarehouseKind } from '../config/stage-config';

/**
 * The warehouse a Redshift Data API statement runs on: a provisioned cluster by its identifier, or a Redshift
 * Serverless workgroup by its name. The Data API takes exactly one of `ClusterIdentifier` and `WorkgroupName`
 * (https://docs.aws.amazon.com/redshift-data/latest/APIReference/API_ExecuteStatement.html).
 */
export type DataApiWarehouse =
  | { readonly clusterIdentifier: string; readonly workgroupName?: undefined }
  | { readonly workgroupName: string; readonly clusterIdentifier?: undefined };

/** The Data API request parameters that name `warehouse`. */
export function dataApiWarehouseParameters(warehouse: DataApiWarehouse): { ClusterIdentifier: string } | { WorkgroupName: string } {
  return warehouse.workgroupName !== undefined
    ? { WorkgroupName: warehouse.workgroupName }
    : { ClusterIdentifier: warehouse.clusterIdentifier };
}

/**
 * The resource IAM authorizes a Data API statement on, as an AwsCall declares it: the cluster by its identifier
 * (`{cluster}`), or the serverless workgroup by its id (`{workgroupId}`):
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonredshiftdataapi.html. Statements here
 * connect with the admin secret, so no caller needs `redshift:GetClusterCredentials` or `redshift-serverless:GetCredentials`,
 * which only temporary credentials use: https://docs.aws.amazon.com/redshift/latest/mgmt/data-api-access.html
 */
export function dataApiWarehouseResource(kind: WarehouseKind): string {
  return kind === 'serverless' ? awsArn('redshift-serverless', 'workgroup/{workgroupId}') : awsArn('redshift', 'cluster:{cluster}');
}
