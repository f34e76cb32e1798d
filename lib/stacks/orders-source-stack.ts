import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { StageConfigSlice } from '../config/stage-config';
import { EmailHashKey } from '../constructs/streaming/email-hash-key';
import { OrdersTable } from '../constructs/streaming/orders-table';

export type OrdersSourceStackConfig = StageConfigSlice<'removalPolicy'>;

export interface OrdersSourceStackProps extends StackProps {
  /** The keys of the stage's configuration this stack reads. */
  readonly config: OrdersSourceStackConfig;
}

/** Stateful: the orders table with its change stream, and the key that masks e-mails (hashes must stay stable). */
export class OrdersSourceStack extends Stack {
  public readonly orders: OrdersTable;
  public readonly emailHashKey: EmailHashKey;

  constructor(scope: Construct, id: string, props: OrdersSourceStackProps) {
    super(scope, id, props);
    const retention = props.config.removalPolicy;
    this.orders = new OrdersTable(this, 'Orders', { retention });
    this.emailHashKey = new EmailHashKey(this, 'EmailHashKey', { encryptionKey: this.orders.encryptionKey, retention });
  }
}
