import { describe, expect, it } from 'vitest';
import { importGraph, importsTransitively } from '../src/import-graph.js';

describe('importGraph', () => {
  const sources = new Map([
    ['clusters/a.ts', "import { composeCluster } from '@wavesmith/model';\nimport { tbyte } from './profiles/tbyte.js';"],
    ['clusters/b.ts', "import { eks } from './profiles/eks.js';"],
    ['clusters/profiles/tbyte.ts', "import { eks, threeZoneVpc } from './eks.js';"],
    ['clusters/profiles/eks.ts', "export { fleet } from './fleet.js';"],
    ['clusters/profiles/fleet.ts', 'export const fleet = {};'],
  ]);
  const graph = importGraph(sources);

  it('resolves relative .js specifiers to the .ts files of the set and ignores packages', () => {
    expect([...graph.get('clusters/a.ts')!]).toEqual(['clusters/profiles/tbyte.ts']);
    expect([...graph.get('clusters/profiles/eks.ts')!]).toEqual(['clusters/profiles/fleet.ts']);
  });

  it('follows imports through profiles that import other profiles', () => {
    expect(importsTransitively(graph, 'clusters/a.ts', 'clusters/profiles/fleet.ts')).toBe(true);
    expect(importsTransitively(graph, 'clusters/b.ts', 'clusters/profiles/tbyte.ts')).toBe(false);
  });
});
