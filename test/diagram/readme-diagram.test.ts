import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diagramBlock, diagramOfApp, withDiagram } from '../../scripts/diagram/readme-diagram';
import { pipelineDiagram } from '../../scripts/diagram/pipeline-diagram';
import { stagePipeline } from '../support/pipeline-app';

const README = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');

test('the README shows the diagram of the current app (run `npm run diagram` after changing the app)', () => {
  const dev = stagePipeline('dev');
  const diagram = diagramOfApp(dev.app, dev.assembly);
  expect(README).toContain(diagramBlock(diagram));
});

describe('drawing the data flow from templates', () => {
  const producer = {
    id: 'Source', stackName: 'src',
    template: {
      Resources: {
        Table: { Type: 'AWS::DynamoDB::GlobalTable', Metadata: { 'aws:cdk:path': 'Source/Orders/Resource' } },
        Stream: { Type: 'AWS::Kinesis::Stream', Metadata: { 'aws:cdk:path': 'Source/Changes/Resource' } },
      },
      Outputs: { StreamArn: { Value: { 'Fn::GetAtt': ['Stream', 'Arn'] } } },
    },
  };
  const consumer = {
    id: 'Consumer', stackName: 'consumer',
    template: {
      Resources: {
        Fn: { Type: 'AWS::Lambda::Function', Properties: { Role: { 'Fn::GetAtt': ['Role', 'Arn'] } }, Metadata: { 'aws:cdk:path': 'Consumer/Forwarder/Resource' } },
        Role: { Type: 'AWS::IAM::Role' },
        Policy: {
          Type: 'AWS::IAM::Policy',
          Properties: {
            Roles: [{ Ref: 'Role' }],
            PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'kinesis:PutRecords', Resource: { 'Fn::GetStackOutput': { StackName: 'src', OutputName: 'StreamArn' } } }] },
          },
        },
        Mapping: {
          Type: 'AWS::Lambda::EventSourceMapping',
          Properties: { FunctionName: { Ref: 'Fn' }, EventSourceArn: { 'Fn::GetStackOutput': { StackName: 'src', OutputName: 'TableStream' } } },
        },
      },
    },
  };

  test('a function allowed to put records into another stack\'s stream points at it', () => {
    expect(pipelineDiagram([producer, consumer])).toContain('Consumer_Fn -->|writes| Source_Stream');
  });

  test('each stack is a subgraph of readable, typed nodes', () => {
    expect(pipelineDiagram([producer, consumer]).split('\n')).toEqual(expect.arrayContaining([
      '  subgraph Source',
      '    Source_Stream[["Kinesis: Changes"]]',
      '    Source_Table[("DynamoDB: Orders")]',
      '    Consumer_Fn("Lambda: Forwarder")',
    ]));
  });

  test('the README block is replaced between its markers and the rest is kept', () => {
    const readme = `# Title\n${diagramBlock('flowchart LR')}\nRest`;
    expect(withDiagram(readme, 'flowchart TD')).toBe(`# Title\n${diagramBlock('flowchart TD')}\nRest`);
  });
});
