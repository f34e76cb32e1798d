import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import type { PipelineDashboardProps } from './pipeline-dashboard-props';

/** Widgets per row on a dashboard 24 units wide. */
export const ALARM_WIDGETS_PER_ROW = 4;

/**
 * The pipeline's health on one screen: the state of every alarm, the batch executions, then each alarm's metric with
 * its threshold, so an operator sees what is wrong and how far from normal it is.
 */
export class PipelineDashboard extends Construct {
  public readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: PipelineDashboardProps) {
    super(scope, id);
    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: props.dashboardName,
      defaultInterval: Duration.days(1),
    });
    // cfn-lint's schema lags CloudFormation, which accepts Tags on a dashboard (the app tags every resource):
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudwatch-dashboard.html
    (this.dashboard.node.defaultChild as cloudwatch.CfnDashboard).addMetadata('cfn-lint', { config: { ignore_checks: ['E3002'] } });
    this.dashboard.addWidgets(new cloudwatch.AlarmStatusWidget({
      title: 'Pipeline alarms', alarms: [...props.alarms], width: 24, height: 4,
    }));
    if (props.stateMachine) {
      const period = { period: Duration.hours(1), statistic: cloudwatch.Stats.SUM };
      this.dashboard.addWidgets(new cloudwatch.GraphWidget({
        title: 'Batch pipeline executions',
        width: 24,
        left: [
          props.stateMachine.metricStarted(period),
          props.stateMachine.metricSucceeded(period),
          props.stateMachine.metricFailed(period),
          props.stateMachine.metricTimedOut(period),
        ],
      }));
    }
    const width = 24 / ALARM_WIDGETS_PER_ROW;
    const widgets = props.alarms.map((alarm) => new cloudwatch.AlarmWidget({ alarm, title: alarm.node.id, width }));
    for (let i = 0; i < widgets.length; i += ALARM_WIDGETS_PER_ROW) {
      this.dashboard.addWidgets(...widgets.slice(i, i + ALARM_WIDGETS_PER_ROW));
    }
  }
}
