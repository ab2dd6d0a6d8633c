import { TIERS, type ComponentPlan, type Problem } from '@wavesmith/model';
import { analyseDependencies, compare, WavePlanError, wavePlanProblem, type Dependency } from './dependencies.js';

/**
 * The sync wave of every component, in the order given. A component's wave is the first one
 * that is at or after its tier's first wave and later than every component it depends on
 * (see componentDependencies). Tiers never interleave: a tier's first wave follows the last
 * wave of the tiers before it, and a component may not depend on a later tier. Throws one
 * WavePlanError listing every problem: those of componentDependencies, each cycle
 * (`a -> b -> a`) and each dependency on a later tier.
 */
export function planWaves(components: readonly ComponentPlan[]): ReadonlyMap<string, number> {
  const { dependencies, problems } = analyseDependencies(components);
  const byName = new Map(components.map((c) => [c.name, c]));
  const outgoing = new Map<string, Dependency[]>(components.map((c) => [c.name, []]));
  for (const d of dependencies) outgoing.get(d.from)!.push(d);
  problems.push(...cycles(components, outgoing));
  for (const d of dependencies) {
    const from = byName.get(d.from)!;
    const to = byName.get(d.to)!;
    if (TIERS.indexOf(to.tier) > TIERS.indexOf(from.tier)) {
      problems.push(wavePlanProblem(from.name, `component "${from.name}" (tier ${from.tier}) depends on "${to.name}" (tier ${to.tier}, through ${d.reason}); a tier may only depend on itself or earlier tiers`));
    }
  }
  if (problems.length > 0) throw new WavePlanError(problems);

  const waves = new Map<string, number>();
  const waveOf = (name: string, floor: number): number => {
    const known = waves.get(name);
    if (known !== undefined) return known;
    const wave = Math.max(floor, ...outgoing.get(name)!.map((d) => waveOf(d.to, floor) + 1));
    waves.set(name, wave);
    return wave;
  };
  let floor = 0;
  for (const tier of TIERS) {
    const members = components.filter((c) => c.tier === tier);
    for (const c of members) waveOf(c.name, floor);
    if (members.length > 0) floor = Math.max(...waves.values()) + 1;
  }
  return new Map(components.map((c) => [c.name, waves.get(c.name)!]));
}

/** One sentence per dependency cycle, each printed as `a -> b -> c -> a` with the reason of every edge. */
function cycles(components: readonly ComponentPlan[], outgoing: ReadonlyMap<string, readonly Dependency[]>): Problem[] {
  const found: Problem[] = [];
  const done = new Set<string>();
  const path: string[] = [];
  const visit = (name: string): void => {
    if (done.has(name)) return;
    const at = path.indexOf(name);
    if (at !== -1) {
      const cycle = [...path.slice(at), name];
      const reasons = cycle.slice(0, -1).map((from, i) => {
        const edge = outgoing.get(from)!.find((d) => d.to === cycle[i + 1])!;
        return `${from} ${edge.reason === 'needs' ? 'needs' : `uses ${edge.reason} from`} ${edge.to}`;
      });
      found.push(wavePlanProblem(name, `sync-wave dependency cycle: ${cycle.join(' -> ')} (each must sync after the next: ${reasons.join('; ')})`));
      return;
    }
    path.push(name);
    for (const d of outgoing.get(name)!) visit(d.to);
    path.pop();
    done.add(name);
  };
  for (const name of [...new Set(components.map((c) => c.name))].sort(compare)) visit(name);
  return found;
}
