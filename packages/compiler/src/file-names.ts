import type { KubeObject } from '@wavesmith/model';

/**
 * File name of each object within one folder: `<kind>-<name>.yaml`, lowercased. Objects whose
 * kind and name repeat (in different namespaces) get their namespace added, so names never
 * depend on the order objects were produced in.
 */
export function objectFileNames(objects: readonly KubeObject[]): string[] {
  const base = (o: KubeObject) => `${o.kind}-${o.metadata.name}`.toLowerCase();
  const counts = new Map<string, number>();
  for (const o of objects) counts.set(base(o), (counts.get(base(o)) ?? 0) + 1);
  const names = objects.map((o) =>
    (counts.get(base(o))! > 1 ? `${o.kind}-${o.metadata.namespace ?? 'cluster'}-${o.metadata.name}` : base(o)).toLowerCase(),
  );
  const seen = new Set<string>();
  names.forEach((name, i) => {
    if (seen.has(name)) {
      const o = objects[i]!;
      throw new Error(`two objects would be written to ${name}.yaml: ${o.apiVersion} ${o.kind} ${o.metadata.namespace ?? ''}/${o.metadata.name} is rendered twice`);
    }
    seen.add(name);
  });
  return names.map((n) => `${n}.yaml`);
}
