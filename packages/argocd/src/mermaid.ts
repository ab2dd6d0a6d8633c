import type { ComponentPlan } from '@wavesmith/model';
import { compare, componentDependencies } from './dependencies.js';
import { inSyncOrder, waveOf } from './sync-order.js';

/**
 * The sync waves as a Mermaid flowchart: one subgraph per wave, components sorted by name,
 * and an arrow from each component to the ones that wait for it. The edge every component
 * has to Argo CD is left out: it would point from Argo CD to everything and hide the rest.
 */
export function wavesMermaid(components: readonly ComponentPlan[], waves: ReadonlyMap<string, number>): string {
  const lines = ['flowchart LR'];
  let open: number | undefined;
  for (const c of inSyncOrder(components, waves)) {
    const wave = waveOf(waves, c);
    if (wave !== open) {
      if (open !== undefined) lines.push('  end');
      lines.push(`  subgraph wave_${wave}["wave ${wave}"]`);
      open = wave;
    }
    lines.push(`    ${nodeId(c.name)}["${c.name}<br/>${c.tier}"]`);
  }
  if (open !== undefined) lines.push('  end');
  const edges = componentDependencies(components)
    .filter((d) => !d.implicit)
    .sort((a, b) => compare(a.to, b.to) || compare(a.from, b.from));
  for (const d of edges) lines.push(`  ${nodeId(d.to)} -->|${d.reason}| ${nodeId(d.from)}`);
  return `${lines.join('\n')}\n`;
}

/** Component names are DNS labels (no `_`), so this is one-to-one and safe for Mermaid ids. */
function nodeId(name: string): string {
  return `c_${name.replaceAll('-', '_')}`;
}
