import { Duration } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as events from 'aws-cdk-lib/aws-events';
import * as eventTargets from 'aws-cdk-lib/aws-events-targets';
import { Construct } from 'constructs';
import type { PipelineAlarmsProps } from './pipeline-alarms-props';

export const DEFAULT_MAX_ITERATOR_AGE = Duration.minutes(5);
export const DEFAULT_MAX_DATA_FRESHNESS = Duration.minutes(15);
export const DEFAULT_MAX_WAREHOUSE_DISK_PERCENT = 80;
/** Period over which every alarm's metric is aggregated. */
export const ALARM_PERIOD = Duration.minutes(5);
/** Period of the serverless warehouse's compute alarm: one day, compared with a day's share of the monthly limit. */
export const SERVERLESS_COMPUTE_PERIOD = Duration.days(1);

/** RPU-seconds a day may use for a month of 31 such days to stay within `monthlyRpuHours`. */
export function dailyRpuSecondsShare(monthlyRpuHours: number): number {
  return Math.floor((monthlyRpuHours * 3600) / 31);
}

/** Glue job states that mean a run did not do its work. */
export const GLUE_JOB_FAILURE_STATES = ['FAILED', 'TIMEOUT', 'ERROR', 'STOPPED'];

/** A readable id, unique in the app, for an alarm on `resource`: its path without the stack, letters and digits only. */
function alarmIdOf(resource: IConstruct, suffix: string): string {
  return `${resource.node.scopes.slice(2).map((scope) => scope.node.id).join('').replace(/[^A-Za-z0-9]/g, '')}${suffix}`;
}

const GTE = cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD;
const GT = cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD;
const LT = cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD;

/**
 * Every alarm of the pipeline, each on a metric with its resource's dimensions, each sending to the alerts topic:
 * batch executions, Glue jobs (through EventBridge job state changes), Lambda errors and throttles, records the
 * streaming functions set aside, stream iterator ages, Firehose freshness and delivery, dead-letter queues and the
 * warehouse. Missing data is not breaching: a quiet
 * pipeline is a healthy one, except for the warehouse, whose health metric going missing is itself a problem.
 */
export class PipelineAlarms extends Construct {
  /** Every alarm, in the order the dashboard shows them. */
  public readonly alarms: cloudwatch.Alarm[] = [];
  public readonly glueJobFailures?: events.Rule;

  private readonly action: cloudwatchActions.SnsAction;

  constructor(scope: Construct, id: string, props: PipelineAlarmsProps) {
    super(scope, id);
    this.action = new cloudwatchActions.SnsAction(props.topic);
    const maxIteratorAge = (props.maxIteratorAge ?? DEFAULT_MAX_ITERATOR_AGE).toMilliseconds();
    const sum = { period: ALARM_PERIOD, statistic: cloudwatch.Stats.SUM };
    const max = { period: ALARM_PERIOD, statistic: cloudwatch.Stats.MAXIMUM };

    if (props.stateMachine) {
      const machine = props.stateMachine;
      this.alarm('ExecutionsFailed', machine.metricFailed(sum), 1, GTE, 'A batch pipeline execution failed');
      this.alarm('ExecutionsTimedOut', machine.metricTimedOut(sum), 1, GTE, 'A batch pipeline execution timed out');
    }

    const jobNames = props.glueJobNames ?? [];
    if (jobNames.length > 0) {
      this.glueJobFailures = new events.Rule(this, 'GlueJobFailures', {
        description: 'A pipeline Glue job failed, timed out or was stopped',
        eventPattern: {
          source: ['aws.glue'],
          detailType: ['Glue Job State Change'],
          detail: { jobName: [...jobNames], state: GLUE_JOB_FAILURE_STATES },
        },
        targets: [new eventTargets.SnsTopic(props.topic, {
          message: events.RuleTargetInput.fromText(
            `Glue job ${events.EventField.fromPath('$.detail.jobName')} run ${events.EventField.fromPath('$.detail.jobRunId')} ` +
            `ended ${events.EventField.fromPath('$.detail.state')}: ${events.EventField.fromPath('$.detail.message')}`),
        })],
      });
    }

    for (const fn of props.functions ?? []) {
      this.alarm(alarmIdOf(fn, 'Errors'), fn.metricErrors(sum), 1, GTE, `Lambda ${fn.functionName} reported errors`);
      this.alarm(alarmIdOf(fn, 'Throttles'), fn.metricThrottles(sum), 1, GTE, `Lambda ${fn.functionName} was throttled`);
    }

    for (const { producer, metric, keptIn } of props.rejectedRecords ?? []) {
      this.alarm(alarmIdOf(producer, 'RejectedRecords'), metric.with(sum), 1, GTE,
        `${producer.functionName} set records aside that can never be processed; they are kept, with the reason, in ${keptIn}`);
    }

    for (const { table, consumer } of props.tableStreams ?? []) {
      this.alarm(alarmIdOf(table, 'StreamIteratorAge'), consumer.metric('IteratorAge', max), maxIteratorAge, GT,
        `Changes of ${table.tableName} wait too long before ${consumer.functionName} reads them`);
    }

    for (const stream of props.kinesisStreams ?? []) {
      this.alarm(alarmIdOf(stream, 'IteratorAge'), stream.metricGetRecordsIteratorAgeMilliseconds(max), maxIteratorAge, GT,
        `Records of ${stream.streamName} wait too long before they are read`);
    }

    for (const stream of props.deliveryStreams ?? []) {
      const name = stream.deliveryStreamName;
      this.alarm(alarmIdOf(stream, 'DataFreshness'), stream.metric('DeliveryToS3.DataFreshness', max),
        (props.maxDataFreshness ?? DEFAULT_MAX_DATA_FRESHNESS).toSeconds(), GT, `${name} is late delivering to S3`);
      this.alarm(alarmIdOf(stream, 'DeliveryFailures'), stream.metric('DeliveryToS3.Success', { period: ALARM_PERIOD, statistic: cloudwatch.Stats.MINIMUM }),
        1, LT, `${name} failed to deliver to S3`);
    }

    for (const queue of props.deadLetterQueues ?? []) {
      this.alarm(alarmIdOf(queue, 'Messages'), queue.metricApproximateNumberOfMessagesVisible(max), 1, GTE,
        `Messages are waiting in the dead-letter queue ${queue.queueName}`);
    }

    const warehouse = props.warehouse;
    if (warehouse?.kind === 'provisioned') {
      const redshift = (metricName: string, statistic: string) => new cloudwatch.Metric({
        namespace: 'AWS/Redshift', metricName, dimensionsMap: { ClusterIdentifier: warehouse.clusterIdentifier },
        period: ALARM_PERIOD, statistic,
      });
      this.alarm('WarehouseUnhealthy', redshift('HealthStatus', cloudwatch.Stats.MINIMUM), 1, LT,
        'The warehouse cluster is unhealthy or not reporting', cloudwatch.TreatMissingData.BREACHING);
      this.alarm('WarehouseDiskFull', redshift('PercentageDiskSpaceUsed', cloudwatch.Stats.MAXIMUM),
        props.maxWarehouseDiskPercent ?? DEFAULT_MAX_WAREHOUSE_DISK_PERCENT, GT, 'The warehouse is running out of disk');
    } else if (warehouse?.kind === 'serverless') {
      // A serverless warehouse has no health or disk metric; what can go wrong unseen is what it spends.
      const computeSeconds = new cloudwatch.Metric({
        namespace: 'AWS/Redshift-Serverless', metricName: 'ComputeSeconds', dimensionsMap: { Workgroup: warehouse.workgroupName },
        period: SERVERLESS_COMPUTE_PERIOD, statistic: cloudwatch.Stats.SUM,
      });
      this.alarm('WarehouseComputeOverPace', computeSeconds, dailyRpuSecondsShare(warehouse.monthlyRpuHoursLimit), GT,
        `The warehouse used more than a day's share of its ${warehouse.monthlyRpuHoursLimit} RPU-hours a month: at this pace it reaches its usage limit, and queries stop, before the month ends`);
    }
  }

  private alarm(id: string, metric: cloudwatch.IMetric, threshold: number, comparisonOperator: cloudwatch.ComparisonOperator,
    description: string, treatMissingData = cloudwatch.TreatMissingData.NOT_BREACHING): void {
    const alarm = new cloudwatch.Alarm(this, id, {
      metric, threshold, comparisonOperator, evaluationPeriods: 1, treatMissingData, alarmDescription: description,
    });
    alarm.addAlarmAction(this.action);
    alarm.addOkAction(this.action);
    this.alarms.push(alarm);
  }
}
