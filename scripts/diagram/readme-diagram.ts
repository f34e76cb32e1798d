import { type App, CfnElement, Stack } from 'aws-cdk-lib';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { ReadmeSection } from '../readme-section';
import { pipelineDiagram } from './pipeline-diagram';


/** Draws the data flow of `app` as `assembly` holds it synthesized, naming each resource by its construct path. */
export function diagramOfApp(app: App, assembly: CloudAssembly = app.synth()): string {
  const paths = new Map<string, string>();
  for (const construct of app.node.findAll()) {
    if (construct instanceof CfnElement) {
      const stack = Stack.of(construct);
      paths.set(`${stack.node.id}/${stack.resolve(construct.logicalId)}`, construct.node.path);
    }
  }
  return pipelineDiagram(assembly.stacks.map((s) => ({
    id: s.hierarchicalId,
    stackName: s.stackName,
    template: s.template,
    paths: (logicalId: string) => paths.get(`${s.hierarchicalId}/${logicalId}`),
  })));
}

/** The README's diagram section. */
const DIAGRAM_SECTION = new ReadmeSection('diagram', '`npm run diagram` from the synthesized dev app');

/** The README text between the diagram markers, as a Mermaid block. */
export function diagramBlock(mermaid: string): string {
  return DIAGRAM_SECTION.block(fenced(mermaid));
}

/** Returns `readme` with the diagram section replaced; throws if the markers are missing. */
export function withDiagram(readme: string, mermaid: string): string {
  return DIAGRAM_SECTION.replaceIn(readme, fenced(mermaid));
}

function fenced(mermaid: string): string {
  return ['```mermaid', mermaid, '```'].join('\n');
}
