import { Match, Template } from 'aws-cdk-lib/assertions';
import * as logs from 'aws-cdk-lib/aws-logs';
import { DEFAULT_DATA_RETENTION, removalPolicyFor } from '../../../lib/constructs/private/data-retention';
import {
  DEFAULT_FUNCTION_MEMORY_MIB, DEFAULT_FUNCTION_TIMEOUT, PipelineFunction,
} from '../../../lib/constructs/private/pipeline-function';
import { MIGRATOR_ENTRY } from '../../../lib/constructs/warehouse/warehouse-schema';
import { newTestStack } from '../../support/pipeline-app';

describe('PipelineFunction without optional props', () => {
  const stack = newTestStack();
  new PipelineFunction(stack, 'Fn', {
    entry: MIGRATOR_ENTRY,
    description: 'A function with default settings',
    serviceName: 'defaults',
    logRetention: logs.RetentionDays.ONE_WEEK,
  });
  const template = Template.fromStack(stack);

  test('times out after 60 seconds', () => {
    template.hasResourceProperties('AWS::Lambda::Function', { Timeout: 60 });
    expect(DEFAULT_FUNCTION_TIMEOUT.toSeconds()).toBe(60);
  });

  test('has 512 MiB of memory', () => {
    template.hasResourceProperties('AWS::Lambda::Function', { MemorySize: 512 });
    expect(DEFAULT_FUNCTION_MEMORY_MIB).toBe(512);
  });

  test('reserves no concurrency: a fresh account has no quota to spare', () => {
    template.hasResourceProperties('AWS::Lambda::Function', { ReservedConcurrentExecutions: Match.absent() });
  });

  test('logs to an encrypted log group named after its stack and service', () => {
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: '/aws/lambda/Test/defaults',
      KmsKeyId: Match.anyValue(),
    });
  });

  test('applies the default data retention to its log group', () => {
    const [logGroup] = Object.values(template.findResources('AWS::Logs::LogGroup'));
    expect(logGroup.DeletionPolicy.toLowerCase()).toBe(removalPolicyFor(DEFAULT_DATA_RETENTION));
  });
});

describe('custom metrics of a PipelineFunction', () => {
  const stack = newTestStack();
  const props = { entry: MIGRATOR_ENTRY, description: 'A function', serviceName: 'orders-svc', logRetention: logs.RetentionDays.ONE_WEEK };
  const publishing = new PipelineFunction(stack, 'Publishing', { ...props, metricsNamespace: 'Shop/Test' });
  const silent = new PipelineFunction(stack, 'Silent', props);

  test('are read where Powertools writes them: the function\'s namespace, with its service as the dimension', () => {
    const metric = publishing.customMetric('ThingsDone', { statistic: 'Sum' });
    expect([metric.namespace, metric.metricName, metric.dimensions, metric.statistic]).toEqual(['Shop/Test', 'ThingsDone', { service: 'orders-svc' }, 'Sum']);
  });

  test('of a function without a metrics namespace are refused, naming the function', () => {
    expect(() => silent.customMetric('ThingsDone')).toThrow(/Test\/Silent has no metricsNamespace/);
  });
});
