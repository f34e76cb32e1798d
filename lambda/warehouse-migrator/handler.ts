import { RedshiftDataClient } from '@aws-sdk/client-redshift-data';
import type { CloudFormationCustomResourceEvent, Context } from 'aws-lambda';
import type { DataApiWarehouse } from '../../lib/warehouse/data-api-target';
import type { AvailableMigration } from '../../lib/warehouse/migration-plan';
import { logger } from '../shared/powertools';
import { dataApiWarehouse } from './data-api';
import { migrate } from './migrate';

/** The custom resource's properties, as the WarehouseSchema construct writes them: a cluster or a workgroup. */
interface SchemaProperties {
  readonly ClusterIdentifier?: string;
  readonly WorkgroupName?: string;
  readonly Database: string;
  readonly SecretArn: string;
  readonly Migrations: readonly AvailableMigration[];
}

const client = new RedshiftDataClient({});
export const PHYSICAL_RESOURCE_ID = 'warehouse-schema';
/**
 * Time kept back from the function's timeout to answer CloudFormation: a statement still running then fails the deploy
 * at once, where a Lambda timeout would leave CloudFormation waiting an hour for an answer.
 */
export const ANSWER_MARGIN_MS = 30_000;

/**
 * CloudFormation custom resource: on create and update, applies pending migrations; on delete, does nothing (the
 * schema goes with the cluster). Always answers CloudFormation, so a failure fails the deployment instead of hanging it.
 */
export async function handler(event: CloudFormationCustomResourceEvent, context: Context): Promise<void> {
  let status: 'SUCCESS' | 'FAILED' = 'SUCCESS';
  let reason = '';
  let applied: string[] = [];
  try {
    if (event.RequestType !== 'Delete') {
      const props = event.ResourceProperties as unknown as SchemaProperties;
      const warehouse = dataApiWarehouse(client, { ...warehouseOf(props), database: props.Database, secretArn: props.SecretArn },
        { deadline: Date.now() + context.getRemainingTimeInMillis() - ANSWER_MARGIN_MS });
      applied = await migrate(warehouse, props.Migrations);
      logger.info('warehouse schema up to date', { applied });
    }
  } catch (error) {
    status = 'FAILED';
    reason = error instanceof Error ? error.message : String(error);
    logger.error('warehouse migration failed', { error });
  }
  const response = await fetch(event.ResponseURL, {
    method: 'PUT',
    headers: { 'content-type': '' },
    body: JSON.stringify({
      Status: status,
      Reason: status === 'FAILED' ? `${reason.slice(0, 3000)} (log stream ${context.logStreamName})` : `log stream ${context.logStreamName}`,
      PhysicalResourceId: PHYSICAL_RESOURCE_ID,
      StackId: event.StackId,
      RequestId: event.RequestId,
      LogicalResourceId: event.LogicalResourceId,
      Data: { Applied: applied.join(',') },
    }),
  });
  if (!response.ok) throw new Error(`CloudFormation did not accept the response: HTTP ${response.status}`);
}

/** The warehouse the properties name: exactly one of a cluster and a workgroup. */
function warehouseOf(props: SchemaProperties): DataApiWarehouse {
  const { ClusterIdentifier: clusterIdentifier, WorkgroupName: workgroupName } = props;
  if (workgroupName && !clusterIdentifier) return { workgroupName };
  if (clusterIdentifier && !workgroupName) return { clusterIdentifier };
  throw new Error(`expected exactly one of ClusterIdentifier and WorkgroupName, got ${JSON.stringify({ ClusterIdentifier: clusterIdentifier, WorkgroupName: workgroupName })}`);
}
