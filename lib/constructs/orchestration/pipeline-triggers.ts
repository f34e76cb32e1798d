import { Duration, TimeZone } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as eventTargets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as pipes from 'aws-cdk-lib/aws-pipes';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as schedulerTargets from 'aws-cdk-lib/aws-scheduler-targets';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { waiveControl } from '../private/control-tower-waiver';
import { landingBatchWindowSecondsRule, scheduleExpressionRule } from '../../config/rules';
import { checkProp } from '../private/prop-checks';
import type { PipelineTriggersProps } from './pipeline-triggers-props';

/** Largest SQS batch a pipe takes; with the one-line input below, a whole batch fits in one execution input (256 KiB). */
export const LANDING_BATCH_SIZE = 10_000;
/** What each landed file contributes to the execution input: the files themselves are found by the crawlers and jobs. */
export const LANDING_EVENT_INPUT = '{"trigger":"landing"}';
export const SCHEDULE_INPUT = { trigger: 'schedule' };
/** Deliveries the pipe attempts before an event goes to the dead-letter queue. */
export const LANDING_MAX_RECEIVE_COUNT = 5;
/**
 * How long a landing message stays hidden beyond the batching window: the pipe holds each message it reads until its
 * batch closes (on a quiet queue up to 20 s after the window) and the execution has started, and a message shown again
 * before then would be read into a second batch, a second execution
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-pipes-sqs.html).
 */
export const LANDING_DELIVERY_ALLOWANCE = Duration.minutes(5);

/**
 * What starts the batch pipeline: an EventBridge Scheduler schedule, and files landing in the landing zone.
 * Landing events go from EventBridge to an SQS queue that an EventBridge Pipe reads with a batching window, so a burst
 * of files starts one execution; events the pipe cannot deliver end in a dead-letter queue (alarmed by the stack).
 */
export class PipelineTriggers extends Construct {
  public readonly schedule: scheduler.Schedule;
  public readonly landingEvents: sqs.Queue;
  public readonly landingEventsDeadLetters: sqs.Queue;
  public readonly landingPipe: pipes.CfnPipe;

  constructor(scope: Construct, id: string, props: PipelineTriggersProps) {
    super(scope, id);
    checkProp(this, 'schedule', props.schedule, scheduleExpressionRule);
    checkProp(this, 'landingBatchWindow (seconds)', props.landingBatchWindow.toSeconds(), landingBatchWindowSecondsRule);
    const window = props.landingBatchWindow;

    this.schedule = new scheduler.Schedule(this, 'Schedule', {
      description: 'Runs the batch pipeline for the current day',
      schedule: scheduler.ScheduleExpression.expression(props.schedule, TimeZone.ETC_UTC),
      target: new schedulerTargets.StepFunctionsStartExecution(props.stateMachine, {
        input: scheduler.ScheduleTargetInput.fromObject(SCHEDULE_INPUT),
        retryAttempts: 3,
        maxEventAge: Duration.hours(1),
      }),
    });

    const queue = (queueId: string, extra: Partial<sqs.QueueProps> = {}) => new sqs.Queue(this, queueId, {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(4),
      ...extra,
    });
    this.landingEventsDeadLetters = queue('LandingEventsDeadLetters', { retentionPeriod: Duration.days(14) });
    waiveControl(this.landingEventsDeadLetters, 'sqs_dlq_check',
      'The landing queue\'s dead-letter queue: nothing consumes it automatically, so it needs no dead-letter queue of its own.');
    this.landingEvents = queue('LandingEvents', {
      visibilityTimeout: window.plus(LANDING_DELIVERY_ALLOWANCE),
      deadLetterQueue: { queue: this.landingEventsDeadLetters, maxReceiveCount: LANDING_MAX_RECEIVE_COUNT },
    });

    new events.Rule(this, 'LandingObjectCreated', {
      description: 'Files created in the landing zone',
      eventPattern: {
        source: ['aws.s3'],
        detailType: ['Object Created'],
        detail: { bucket: { name: [props.landingBucket.bucketName] } },
      },
      targets: [new eventTargets.SqsQueue(this.landingEvents)],
    });

    const pipeRole = new iam.Role(this, 'PipeRole', {
      assumedBy: new iam.ServicePrincipal('pipes.amazonaws.com'),
      description: 'Reads landing events and starts the batch pipeline',
    });
    this.landingEvents.grantConsumeMessages(pipeRole);
    props.stateMachine.grantStartExecution(pipeRole);
    this.landingPipe = new pipes.CfnPipe(this, 'LandingPipe', {
      description: 'Starts one batch pipeline run per burst of landed files',
      roleArn: pipeRole.roleArn,
      source: this.landingEvents.queueArn,
      sourceParameters: {
        sqsQueueParameters: { batchSize: LANDING_BATCH_SIZE, maximumBatchingWindowInSeconds: window.toSeconds() },
      },
      target: props.stateMachine.stateMachineArn,
      targetParameters: {
        inputTemplate: LANDING_EVENT_INPUT,
        stepFunctionStateMachineParameters: { invocationType: 'FIRE_AND_FORGET' },
      },
    });
    this.landingPipe.node.addDependency(pipeRole);
  }
}
