import { Template } from 'aws-cdk-lib/assertions';
import { DataLake } from '../../../lib/constructs/lake/data-lake';
import { AUDIT_LOG_TYPES } from '../../../lib/constructs/warehouse/warehouse';
import {
  DEFAULT_ADMIN_USERNAME, DEFAULT_AUDIT_LOG_RETENTION, DEFAULT_DATABASE_NAME, DEFAULT_SECRET_ROTATION,
} from '../../../lib/constructs/warehouse/warehouse-cluster';
import { WarehouseNetwork } from '../../../lib/constructs/warehouse/warehouse-network';
import {
  DEFAULT_BASE_CAPACITY_RPUS, DEFAULT_MONTHLY_RPU_HOURS_LIMIT, DEFAULT_SERVERLESS_PORT, SERVERLESS_MIN_AZS, WarehouseWorkgroup,
} from '../../../lib/constructs/warehouse/warehouse-workgroup';
import { newTestStack } from '../../support/pipeline-app';

/** One serverless warehouse built with only required props: its defaults are read from this template. */
describe('WarehouseWorkgroup without optional props', () => {
  const stack = newTestStack();
  const network = new WarehouseNetwork(stack, 'Network', { maxAzs: SERVERLESS_MIN_AZS });
  new WarehouseWorkgroup(stack, 'Warehouse', {
    vpc: network.vpc,
    subnets: network.subnets,
    secretsManagerEndpoint: network.secretsManagerEndpoint,
    curatedZone: new DataLake(stack, 'Lake').curated,
    warehouseName: 'defaults',
  });
  const template = Template.fromStack(stack);
  const usageLimit = () => JSON.stringify(Object.values(template.findResources('Custom::RedshiftServerlessUsageLimit'))[0].Properties.Create);

  test('starts queries with 4 RPUs, the least Redshift Serverless offers, on port 5441, not the default 5439', () => {
    template.hasResourceProperties('AWS::RedshiftServerless::Workgroup', { BaseCapacity: 4, Port: 5441 });
    expect([DEFAULT_BASE_CAPACITY_RPUS, DEFAULT_SERVERLESS_PORT]).toEqual([4, 5441]);
  });

  test('limits compute to 60 RPU-hours a month, about $22 at 4 RPUs', () => {
    expect(usageLimit()).toContain('\\"amount\\":60,');
    expect(DEFAULT_MONTHLY_RPU_HOURS_LIMIT).toBe(60);
  });

  test('creates the default database under the default admin user', () => {
    template.hasResourceProperties('AWS::RedshiftServerless::Namespace', { DbName: DEFAULT_DATABASE_NAME, AdminUsername: DEFAULT_ADMIN_USERNAME });
  });

  test('rotates the admin secret at the default interval', () => {
    template.hasResourceProperties('AWS::SecretsManager::RotationSchedule', {
      RotationRules: { ScheduleExpression: `rate(${DEFAULT_SECRET_ROTATION.toDays()} days)` },
    });
  });

  test('keeps every audit log for the default retention', () => {
    for (const logType of AUDIT_LOG_TYPES) {
      template.hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: `/aws/redshift/defaults/${logType}`, RetentionInDays: DEFAULT_AUDIT_LOG_RETENTION });
    }
  });
});
