import { CfnDeletionPolicy, type CfnResource } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { CfnGlobalTable } from 'aws-cdk-lib/aws-dynamodb';
import type { DataRetention } from '../../../lib/constructs/private/data-retention';
import { EMAIL_HASH_KEY_LENGTH, EmailHashKey } from '../../../lib/constructs/streaming/email-hash-key';
import { OrdersTable } from '../../../lib/constructs/streaming/orders-table';
import { newTestStack } from '../../support/pipeline-app';

function build(retention?: DataRetention) {
  const stack = newTestStack();
  const orders = new OrdersTable(stack, 'Orders', retention ? { retention } : {});
  const emailHashKey = new EmailHashKey(stack, 'EmailHashKey', { encryptionKey: orders.encryptionKey, ...(retention ? { retention } : {}) });
  return { stack, orders, emailHashKey };
}

const retained = build();
const template = Template.fromStack(retained.stack);
// Read from the resources themselves: a second synthesis would cost seconds for a few properties.
const destroyed = build('destroy');

describe('the orders table', () => {
  const { stack, orders } = retained;

  test('is keyed by order id, billed on demand', () => {
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      KeySchema: [{ AttributeName: 'order_id', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    });
  });

  test('streams new and old images, for change data capture', () => {
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', { StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' } });
  });

  test('is encrypted with its own rotating customer-managed key', () => {
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
      Replicas: [Match.objectLike({ SSESpecification: { KMSMasterKeyId: stack.resolve(orders.encryptionKey.keyArn) } })],
    });
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true, Description: 'Encrypts the orders table and its stream' });
  });

  test('has point-in-time recovery', () => {
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      Replicas: [Match.objectLike({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } })],
    });
  });

  test('is retained, with deletion protection, by default', () => {
    template.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({ Replicas: [Match.objectLike({ DeletionProtectionEnabled: true })] }),
    });
  });

  test('is deleted, without deletion protection, in a throw-away stage', () => {
    const table = destroyed.orders.table.node.defaultChild as CfnGlobalTable;
    expect(table.cfnOptions.deletionPolicy).toBe(CfnDeletionPolicy.DELETE);
    expect(destroyed.stack.resolve(table.replicas)).toEqual([expect.objectContaining({ deletionProtectionEnabled: false })]);
  });
});

describe('the e-mail hash key', () => {
  const { stack, orders } = retained;

  test('is a generated secret of letters and digits, encrypted with the orders key', () => {
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: { PasswordLength: EMAIL_HASH_KEY_LENGTH, ExcludePunctuation: true },
      KmsKeyId: stack.resolve(orders.encryptionKey.keyArn),
    });
  });

  test('is never rotated (a new key would change every hash)', () => {
    template.resourceCountIs('AWS::SecretsManager::RotationSchedule', 0);
  });

  test('survives its stack unless the stage is throw-away', () => {
    template.hasResource('AWS::SecretsManager::Secret', { DeletionPolicy: 'Retain' });
    expect((destroyed.emailHashKey.secret.node.defaultChild as CfnResource).cfnOptions.deletionPolicy).toBe(CfnDeletionPolicy.DELETE);
  });
});
