import type { ClusterLayer } from '@wavesmith/model';

/** What every cluster of this fleet shares: Argo CD pulls the rendered dist/ from this repository. */
export const fleet: ClusterLayer = {
  gitops: { repoURL: 'https://github.com/wavesmith-examples/platform-fleet.git', targetRevision: 'main' },
  platform: [{ name: 'argocd' }],
  apps: [],
  cloud: {},
};
