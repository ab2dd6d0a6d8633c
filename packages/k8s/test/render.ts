import type { KubeObject } from '@wavesmith/model';
import { App, Chart } from 'cdk8s';

/** Renders whatever `build` adds to a fresh chart, as plain objects. */
export function render(build: (chart: Chart) => void): KubeObject[] {
  const chart = new Chart(new App(), 'test');
  build(chart);
  return chart.toJson() as KubeObject[];
}

export function find(objects: readonly KubeObject[], kind: string, name?: string): Record<string, any> {
  const found = objects.find((o) => o.kind === kind && (name === undefined || o.metadata.name === name));
  if (!found) throw new Error(`no ${kind} ${name ?? ''} among ${objects.map((o) => `${o.kind}/${o.metadata.name}`).join(', ')}`);
  return found as Record<string, any>;
}

/** Files the objects would be written to, as checkSchemas and checkPolicy take them. */
export const asFiles = (objects: readonly KubeObject[]) => objects.map((object) => ({ file: `${object.kind}-${object.metadata.name}.yaml`, object }));
