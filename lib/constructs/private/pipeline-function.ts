import { Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { EncryptedLogGroup } from './encrypted-log-group';
import type { PipelineFunctionProps } from './pipeline-function-props';

export const DEFAULT_FUNCTION_TIMEOUT = Duration.minutes(1);
export const DEFAULT_FUNCTION_MEMORY_MIB = 512;
/** The latest Node.js runtime Lambda (and cdk-nag's AwsSolutions-L1) knows. */
export const PIPELINE_FUNCTION_RUNTIME = lambda.Runtime.NODEJS_24_X;

/**
 * A TypeScript Lambda of the pipeline, bundled by the local esbuild (minified, with source maps, AWS SDK v3 left to
 * the runtime), on ARM64 and the latest Node.js runtime, logging structured JSON to its own log group
 * (`/aws/lambda/<stack name>/<service name>`, encrypted with its own key) with the configured retention.
 */
export class PipelineFunction extends Construct {
  public readonly function: nodejs.NodejsFunction;
  public readonly logGroup: logs.LogGroup;
  /** The function's role; it starts with nothing but writing to its own log group. */
  public readonly role: iam.Role;
  private readonly serviceName: string;
  private readonly metricsNamespace?: string;

  constructor(scope: Construct, id: string, props: PipelineFunctionProps) {
    super(scope, id);
    this.serviceName = props.serviceName;
    this.metricsNamespace = props.metricsNamespace;
    this.logGroup = new EncryptedLogGroup(this, 'Logs', {
      logGroupName: `/aws/lambda/${Stack.of(this).stackName}/${props.serviceName}`,
      logRetention: props.logRetention,
      retention: props.retention,
    }).logGroup;
    // Own role instead of AWSLambdaBasicExecutionRole, which may write to every log group of the account.
    this.role = new iam.Role(this, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'), description: props.description });
    this.logGroup.grantWrite(this.role);
    this.function = new nodejs.NodejsFunction(this, 'Function', {
      role: this.role,
      entry: props.entry,
      handler: 'handler',
      description: props.description,
      runtime: PIPELINE_FUNCTION_RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      timeout: props.timeout ?? DEFAULT_FUNCTION_TIMEOUT,
      memorySize: props.memorySize ?? DEFAULT_FUNCTION_MEMORY_MIB,
      reservedConcurrentExecutions: props.reservedConcurrency,
      logGroup: this.logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      applicationLogLevelV2: lambda.ApplicationLogLevel.INFO,
      systemLogLevelV2: lambda.SystemLogLevel.WARN,
      environment: {
        ...props.environment,
        POWERTOOLS_SERVICE_NAME: props.serviceName,
        ...(props.metricsNamespace !== undefined ? { POWERTOOLS_METRICS_NAMESPACE: props.metricsNamespace } : {}),
      },
      bundling: {
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        target: 'node24',
        format: nodejs.OutputFormat.CJS,
        logLevel: nodejs.LogLevel.WARNING,
      },
    });
  }

  /** A metric the function publishes through Powertools: its namespace, with the `service` dimension Powertools adds. */
  public customMetric(metricName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    if (this.metricsNamespace === undefined) throw new Error(`PipelineFunction ${this.node.path} has no metricsNamespace: it publishes no ${metricName}`);
    return new cloudwatch.Metric({ namespace: this.metricsNamespace, metricName, dimensionsMap: { service: this.serviceName }, ...props });
  }
}
