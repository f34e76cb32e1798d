import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { ORDER } from '../../contracts';
import { DEFAULT_DATA_RETENTION, removalPolicyFor } from '../private/data-retention';
import { limitGrantsToAwsResources } from '../private/key-grants';
import type { OrdersTableProps } from './orders-table-props';

/** The partition key of the orders table: the order's business key. */
export const ORDERS_PARTITION_KEY = ORDER.businessKey[0];

/**
 * The shop's operational orders table (items follow the ORDER contract): on-demand, point-in-time recovery,
 * encrypted with its own rotating customer-managed key, and a stream of new and old images for change data capture.
 */
export class OrdersTable extends Construct {
  public readonly table: dynamodb.TableV2;
  public readonly encryptionKey: kms.Key;

  constructor(scope: Construct, id: string, props: OrdersTableProps = {}) {
    super(scope, id);
    const retention = props.retention ?? DEFAULT_DATA_RETENTION;
    this.encryptionKey = new kms.Key(this, 'Key', {
      description: 'Encrypts the orders table and its stream',
      enableKeyRotation: true,
      removalPolicy: removalPolicyFor(retention),
    });
    limitGrantsToAwsResources(this.encryptionKey);
    this.table = new dynamodb.TableV2(this, 'Table', {
      partitionKey: { name: ORDERS_PARTITION_KEY, type: dynamodb.AttributeType.STRING },
      billing: dynamodb.Billing.onDemand(),
      encryption: dynamodb.TableEncryptionV2.customerManagedKey(this.encryptionKey),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      dynamoStream: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES,
      deletionProtection: props.deletionProtection ?? retention === 'retain',
      removalPolicy: removalPolicyFor(retention),
    });
  }
}
