import type { ComponentPlan } from '@wavesmith/model';
import { compare } from './dependencies.js';

/** The planned sync wave of a component; throws when planWaves did not plan it. */
export function waveOf(waves: ReadonlyMap<string, number>, component: Pick<ComponentPlan, 'name'>): number {
  const wave = waves.get(component.name);
  if (wave === undefined) throw new Error(`no sync wave was planned for component "${component.name}"`);
  return wave;
}

/** Components in the order Argo CD syncs them: by wave, then by name. */
export function inSyncOrder<T extends Pick<ComponentPlan, 'name'>>(components: readonly T[], waves: ReadonlyMap<string, number>): T[] {
  return [...components].sort((a, b) => waveOf(waves, a) - waveOf(waves, b) || compare(a.name, b.name));
}
