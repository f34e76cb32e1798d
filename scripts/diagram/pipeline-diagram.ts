/**
 * Draws the pipeline's data flow as a Mermaid flowchart from synthesized CloudFormation templates, so the diagram
 * in the README is derived from the app and cannot drift from it.
 *
 * Nodes are the resources a reader cares about (tables, functions, streams, buckets, jobs, state machines, the
 * warehouse, topics, alarms). Edges come from how the templates wire them: event source mappings, Firehose sources and
 * destinations, triggers, alarm actions, and IAM: a principal allowed to write to a resource points at it, a principal
 * allowed to read from a resource is pointed at by it.
 */

export interface StackTemplate {
  /** Construct id of the stack (`Lake`, `Streaming`, ...). */
  readonly id: string;
  /** CloudFormation stack name, as `Fn::GetStackOutput` names it. */
  readonly stackName: string;
  readonly template: { Resources?: Record<string, CfnResource>; Outputs?: Record<string, { Value: unknown }> };
  /** Construct path of a resource; falls back to the template's `aws:cdk:path` metadata, then the logical id. */
  readonly paths?: (logicalId: string) => string | undefined;
}

interface CfnResource {
  readonly Type: string;
  readonly Properties?: Record<string, any>;
  readonly Metadata?: Record<string, unknown>;
}

interface NodeKind {
  readonly label: string;
  readonly shape: (text: string) => string;
}

const NODE_KINDS: Record<string, NodeKind> = {
  'AWS::DynamoDB::GlobalTable': { label: 'DynamoDB', shape: (t) => `[("${t}")]` },
  'AWS::DynamoDB::Table': { label: 'DynamoDB', shape: (t) => `[("${t}")]` },
  'AWS::Lambda::Function': { label: 'Lambda', shape: (t) => `("${t}")` },
  'AWS::Kinesis::Stream': { label: 'Kinesis', shape: (t) => `[["${t}"]]` },
  'AWS::KinesisFirehose::DeliveryStream': { label: 'Firehose', shape: (t) => `[["${t}"]]` },
  'AWS::S3::Bucket': { label: 'S3', shape: (t) => `[("${t}")]` },
  'AWS::SQS::Queue': { label: 'SQS', shape: (t) => `[/"${t}"/]` },
  'AWS::Glue::Crawler': { label: 'Glue crawler', shape: (t) => `["${t}"]` },
  'AWS::Glue::Job': { label: 'Glue job', shape: (t) => `["${t}"]` },
  'AWS::StepFunctions::StateMachine': { label: 'Step Functions', shape: (t) => `{{"${t}"}}` },
  'AWS::Redshift::Cluster': { label: 'Redshift', shape: (t) => `[("${t}")]` },
  'AWS::RedshiftServerless::Workgroup': { label: 'Redshift Serverless', shape: (t) => `[("${t}")]` },
  'AWS::SNS::Topic': { label: 'SNS', shape: (t) => `>"${t}"]` },
  'AWS::Events::Rule': { label: 'EventBridge', shape: (t) => `(["${t}"])` },
  'AWS::Scheduler::Schedule': { label: 'Scheduler', shape: (t) => `(["${t}"])` },
  'AWS::Pipes::Pipe': { label: 'Pipe', shape: (t) => `(["${t}"])` },
};

/** Functions aws-cdk-lib adds by itself (custom-resource providers): plumbing, not pipeline. */
const CDK_PLUMBING = /(BucketNotificationsHandler|CustomResourceProvider|LogRetention|AWS679f53fac002430cb0da5b7982bd2287|Provider\/framework|AutoDeleteObjects)/;

const WRITE_VERBS = /^(s3:PutObject|kinesis:PutRecords?|firehose:PutRecord(Batch)?|dynamodb:(PutItem|UpdateItem|BatchWriteItem)|sqs:SendMessage|sns:Publish|states:StartExecution|glue:(StartJobRun|StartCrawler|StartDataQualityRulesetEvaluationRun)|redshift-data:(ExecuteStatement|BatchExecuteStatement))$/;
const READ_VERBS = /^(s3:GetObject|kinesis:(GetRecords|SubscribeToShard)|dynamodb:(GetRecords|Query|Scan|GetItem))$/;

type NodeId = string;

interface Graph {
  readonly nodes: Map<NodeId, { stack: string; type: string; text: string; shape: NodeKind['shape'] }>;
  /** One labelled edge per pair of nodes, keyed `from -> to`: the first way found to connect them wins. */
  readonly edges: Map<string, string>;
}

/** Renders the Mermaid flowchart (without the code fence). The output is stable for the same templates. */
export function pipelineDiagram(stacks: readonly StackTemplate[]): string {
  const graph: Graph = { nodes: new Map(), edges: new Map() };
  const byName = new Map(stacks.map((s) => [s.stackName, s]));
  const nodeId = (stack: StackTemplate, logicalId: string) => `${stack.id}_${logicalId}`;

  for (const stack of stacks) {
    for (const [logicalId, resource] of Object.entries(stack.template.Resources ?? {})) {
      const kind = NODE_KINDS[resource.Type];
      const path = stack.paths?.(logicalId) ?? String(resource.Metadata?.['aws:cdk:path'] ?? logicalId);
      if (!kind || CDK_PLUMBING.test(path) || CDK_PLUMBING.test(logicalId)) continue;
      graph.nodes.set(nodeId(stack, logicalId), { stack: stack.id, type: resource.Type, text: `${kind.label}: ${readableName(path)}`, shape: kind.shape });
    }
  }

  /** Logical ids (as node ids) that a template value refers to, following cross-stack outputs. */
  const refsOf = (stack: StackTemplate, value: unknown, seen = new Set<unknown>()): NodeId[] => {
    if (value === null || typeof value !== 'object' || seen.has(value)) {
      return typeof value === 'string' ? subRefs(stack, value) : [];
    }
    seen.add(value);
    const v = value as Record<string, any>;
    if (typeof v.Ref === 'string') return [nodeId(stack, v.Ref)];
    if (Array.isArray(v['Fn::GetAtt'])) return [nodeId(stack, v['Fn::GetAtt'][0])];
    if (v['Fn::GetStackOutput']) {
      const producer = byName.get(v['Fn::GetStackOutput'].StackName);
      const output = producer?.template.Outputs?.[v['Fn::GetStackOutput'].OutputName];
      return producer && output ? refsOf(producer, output.Value, seen) : [];
    }
    if (v['Fn::ImportValue']) {
      const exportName = JSON.stringify(v['Fn::ImportValue']);
      for (const producer of stacks) {
        for (const output of Object.values(producer.template.Outputs ?? {}) as Array<{ Value: unknown; Export?: { Name: unknown } }>) {
          if (JSON.stringify(output.Export?.Name) === exportName) return refsOf(producer, output.Value, seen);
        }
      }
      return [];
    }
    return Object.values(v).flatMap((child) => refsOf(stack, child, seen));
  };
  const subRefs = (stack: StackTemplate, text: string): NodeId[] =>
    [...text.matchAll(/\$\{([A-Za-z0-9]+)(\.[A-Za-z.]+)?\}/g)].map((m) => nodeId(stack, m[1]));

  const addEdge = (from: NodeId, to: NodeId, label: string) => {
    if (from === to || !graph.nodes.has(from) || !graph.nodes.has(to)) return;
    if (graph.edges.has(`${from} -> ${to}`) || graph.edges.has(`${to} -> ${from}`)) return;
    const notifies = graph.nodes.get(to)!.type === 'AWS::SNS::Topic';
    graph.edges.set(`${from} -> ${to}`, `${from} -->|${notifies ? 'notify' : label}| ${to}`);
  };

  for (const stack of stacks) {
    const resources = stack.template.Resources ?? {};
    const principalsOfRole = new Map<NodeId, NodeId[]>();
    const principal = (role: unknown, who: NodeId) => {
      for (const r of refsOf(stack, role)) principalsOfRole.set(r, [...(principalsOfRole.get(r) ?? []), who]);
    };

    for (const [logicalId, resource] of Object.entries(resources)) {
      const self = nodeId(stack, logicalId);
      const p = resource.Properties ?? {};
      switch (resource.Type) {
        case 'AWS::Lambda::Function': principal(p.Role, self); break;
        case 'AWS::Glue::Job': case 'AWS::Glue::Crawler': principal(p.Role, self); break;
        case 'AWS::StepFunctions::StateMachine': principal(p.RoleArn, self); break;
        case 'AWS::Redshift::Cluster': principal(p.IamRoles, self); break;
        case 'AWS::RedshiftServerless::Namespace': {
          // The namespace holds the roles; the workgroup is the warehouse the diagram shows.
          const workgroup = Object.entries(resources).find(([, r]) =>
            r.Type === 'AWS::RedshiftServerless::Workgroup' && r.Properties?.NamespaceName === p.NamespaceName);
          principal(p.IamRoles, workgroup ? nodeId(stack, workgroup[0]) : self);
          break;
        }
        case 'AWS::Pipes::Pipe':
          principal(p.RoleArn, self);
          for (const source of refsOf(stack, p.Source)) addEdge(source, self, 'source');
          for (const target of refsOf(stack, p.Target)) addEdge(self, target, 'target');
          break;
        case 'AWS::KinesisFirehose::DeliveryStream': {
          const source = p.KinesisStreamSourceConfiguration;
          if (source) {
            principal(source.RoleARN, self);
            for (const s of refsOf(stack, source.KinesisStreamARN)) addEdge(s, self, 'source');
          }
          const destination = p.ExtendedS3DestinationConfiguration ?? p.S3DestinationConfiguration;
          if (destination) {
            principal(destination.RoleARN, self);
            for (const b of refsOf(stack, destination.BucketARN)) addEdge(self, b, 'delivers');
            for (const fn of refsOf(stack, destination.ProcessingConfiguration)) addEdge(fn, self, 'transforms');
          }
          break;
        }
        case 'AWS::Lambda::EventSourceMapping':
          for (const fn of refsOf(stack, p.FunctionName)) {
            for (const s of refsOf(stack, p.EventSourceArn)) addEdge(s, fn, 'triggers');
            for (const q of refsOf(stack, p.DestinationConfig)) addEdge(fn, q, 'failed batches');
          }
          break;
        case 'AWS::Events::Rule':
          for (const t of refsOf(stack, (p.Targets ?? []).map((x: any) => x.Arn))) addEdge(self, t, 'starts');
          for (const t of refsOf(stack, (p.Targets ?? []).map((x: any) => x.RoleArn))) principal(t, self);
          break;
        case 'AWS::Scheduler::Schedule':
          for (const t of refsOf(stack, p.Target?.Arn)) addEdge(self, t, 'starts');
          break;
        case 'AWS::CloudWatch::Alarm':
          graph.nodes.set(`${stack.id}_Alarms`, { stack: stack.id, type: 'AWS::CloudWatch::Alarm', text: 'CloudWatch alarms', shape: (t) => `["${t}"]` });
          for (const t of refsOf(stack, p.AlarmActions)) addEdge(`${stack.id}_Alarms`, t, 'notify');
          break;
        default:
      }
    }

    for (const [logicalId, resource] of Object.entries(resources)) {
      // A role's statements beyond its inline policy's size go to CDK's overflow managed policies.
      if (!['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy', 'AWS::IAM::Role'].includes(resource.Type)) continue;
      const roles = resource.Type === 'AWS::IAM::Role' ? [nodeId(stack, logicalId)] : refsOf(stack, resource.Properties?.Roles);
      const documents = resource.Type === 'AWS::IAM::Role'
        ? (resource.Properties?.Policies ?? []).map((x: any) => x.PolicyDocument)
        : [resource.Properties?.PolicyDocument];
      const who = roles.flatMap((r) => principalsOfRole.get(r) ?? []);
      for (const statement of documents.flatMap((d: any) => d?.Statement ?? [])) {
        if (statement.Effect !== 'Allow') continue;
        const actions: string[] = [statement.Action].flat();
        const targets = refsOf(stack, statement.Resource);
        for (const w of who) {
          for (const t of targets) {
            if (actions.some((a) => WRITE_VERBS.test(a))) addEdge(w, t, verbOf(actions, WRITE_VERBS));
            else if (actions.some((a) => READ_VERBS.test(a))) addEdge(t, w, 'read by');
          }
        }
      }
    }
  }

  return render(graph, stacks.map((s) => s.id));
}

function verbOf(actions: string[], verbs: RegExp): string {
  const action = actions.find((a) => verbs.test(a))!;
  if (/^glue:Start(JobRun|Crawler)$/.test(action) || action === 'states:StartExecution') return 'starts';
  if (action.startsWith('redshift-data:')) return 'runs SQL';
  if (action === 'sns:Publish') return 'notify';
  return 'writes';
}

/** `Streaming/OrdersCdcStream/Forwarder/Resource` becomes `OrdersCdcStream Forwarder`. */
function readableName(path: string): string {
  const parts = path.split('/').slice(1).filter((p) => !['Resource', 'Bucket', 'Default', 'Stream', 'Function'].includes(p));
  return (parts.length > 0 ? parts : path.split('/').slice(-1)).join(' ').replace(/"/g, "'");
}

function render(graph: Graph, stackOrder: readonly string[]): string {
  const lines = ['flowchart LR'];
  for (const stack of stackOrder) {
    const members = [...graph.nodes.entries()].filter(([, n]) => n.stack === stack).sort(([a], [b]) => a.localeCompare(b, 'en'));
    if (members.length === 0) continue;
    lines.push(`  subgraph ${stack}`);
    for (const [id, node] of members) lines.push(`    ${id}${node.shape(node.text)}`);
    lines.push('  end');
  }
  for (const edge of [...graph.edges.values()].sort()) lines.push(`  ${edge}`);
  return lines.join('\n');
}
