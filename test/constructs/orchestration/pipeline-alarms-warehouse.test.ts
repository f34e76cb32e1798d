import * as sns from 'aws-cdk-lib/aws-sns';
import { Template } from 'aws-cdk-lib/assertions';
import { dailyRpuSecondsShare, PipelineAlarms } from '../../../lib/constructs/orchestration/pipeline-alarms';
import type { WarehouseHealth } from '../../../lib/constructs/orchestration/pipeline-alarms-props';
import { newTestStack } from '../../support/pipeline-app';

/** The alarms of one warehouse alone, by kind. */
function warehouseAlarms(warehouse: WarehouseHealth) {
  const stack = newTestStack();
  new PipelineAlarms(stack, 'Alarms', { topic: new sns.Topic(stack, 'Topic'), warehouse });
  return Object.values(Template.fromStack(stack).findResources('AWS::CloudWatch::Alarm')).map((r) => r.Properties);
}

describe('warehouse alarms follow the metrics of the warehouse kind', () => {
  test('a Redshift Serverless workgroup alarms when a day uses more RPU-seconds than its share of the monthly limit', () => {
    expect(warehouseAlarms({ kind: 'serverless', workgroupName: 'wg', monthlyRpuHoursLimit: 62 })).toEqual([expect.objectContaining({
      Namespace: 'AWS/Redshift-Serverless',
      MetricName: 'ComputeSeconds',
      Dimensions: [{ Name: 'Workgroup', Value: 'wg' }],
      Statistic: 'Sum',
      Period: 86400,
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: 7200,
    })]);
  });

  test('a day\'s share is the monthly limit spread over 31 days, in RPU-seconds', () => {
    expect(dailyRpuSecondsShare(62)).toBe(2 * 3600);
    expect(dailyRpuSecondsShare(60)).toBe(6967);
  });

  test('a provisioned cluster alarms on its health and its disk, not on compute', () => {
    const alarms = warehouseAlarms({ kind: 'provisioned', clusterIdentifier: 'c' });
    expect(alarms.map((a) => `${a.Namespace} ${a.MetricName}`)).toEqual(['AWS/Redshift HealthStatus', 'AWS/Redshift PercentageDiskSpaceUsed']);
  });
});
