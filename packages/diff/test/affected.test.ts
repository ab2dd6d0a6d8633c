import { rm } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { affectedClusters } from '../src/affected.js';
import { scratchRepo, type ScratchRepo } from './scratch-repo.js';

describe('affectedClusters', () => {
  let scratch: ScratchRepo;
  const affected = async () => (await affectedClusters({ root: scratch.root, base: 'main' })).clusters;
  const names = async () => (await affected()).map((c) => c.cluster);

  beforeAll(async () => {
    scratch = await scratchRepo('affected', ['tbyte-dev', 'tbyte-prod', 'rocketchat-eks', 'vet-rke2-dev', 'kubeadm-lab']);
    scratch.git('checkout', '-qb', 'change');
  });
  afterEach(() => {
    scratch.git('checkout', '-q', 'main', '--', '.');
    scratch.git('clean', '-qfd');
  });
  afterAll(() => rm(scratch.root, { recursive: true, force: true }));

  it('lists only the cluster whose own file changed', async () => {
    await scratch.edit('clusters/vet-rke2-dev.ts', "name: 'vet-rke2-dev'", "name: 'vet-rke2-dev', environment: 'staging'");
    expect(await affected()).toEqual([{ cluster: 'vet-rke2-dev', reasons: ['clusters/vet-rke2-dev.ts changed'] }]);
  });

  it('lists the clusters importing a changed profile, also through other profiles', async () => {
    await scratch.edit('clusters/profiles/tbyte.ts', 'tbyte-frontend:1.0.0', 'tbyte-frontend:1.0.1');
    expect(await names()).toEqual(['tbyte-dev', 'tbyte-prod']);
    await scratch.edit('clusters/profiles/eks.ts', "adminCidrs: ['203.0.113.0/24']", "adminCidrs: ['198.51.100.0/24']");
    expect(await affected()).toEqual([
      { cluster: 'rocketchat-eks', reasons: ['imports clusters/profiles/eks.ts, which changed'] },
      { cluster: 'tbyte-dev', reasons: ['imports clusters/profiles/eks.ts, which changed', 'imports clusters/profiles/tbyte.ts, which changed'] },
      { cluster: 'tbyte-prod', reasons: ['imports clusters/profiles/eks.ts, which changed', 'imports clusters/profiles/tbyte.ts, which changed'] },
    ]);
  });

  it('lists added and removed clusters', async () => {
    await scratch.write('clusters/tbyte-stage.ts', "import { composeCluster } from '@wavesmith/model';\nimport { tbyte } from './profiles/tbyte.js';\n\nexport default composeCluster(tbyte, { name: 'tbyte-stage', environment: 'staging' });\n");
    scratch.git('rm', '-q', 'clusters/kubeadm-lab.ts');
    expect(await affected()).toEqual([
      { cluster: 'kubeadm-lab', reasons: ['clusters/kubeadm-lab.ts removed'] },
      { cluster: 'tbyte-stage', reasons: ['clusters/tbyte-stage.ts added'] },
    ]);
  });

  it('lists a cluster whose committed output was edited by hand', async () => {
    await scratch.write('argocd-apps/kubeadm-lab.yaml', 'edited: by hand\n');
    expect(await affected()).toEqual([{ cluster: 'kubeadm-lab', reasons: ['its committed output changed (argocd-apps/kubeadm-lab.yaml)'] }]);
  });

  it('lists nothing for docs, tests and CI files', async () => {
    await scratch.write('README.md', '# notes\n');
    await scratch.write('packages/argocd/test/extra.test.ts', 'export {};\n');
    await scratch.write('.github/workflows/x.yml', 'name: x\n');
    expect(await affected()).toEqual([]);
  });

  it('renders every cluster on a toolchain change and lists only those whose output really differs', async () => {
    // The base's output of kubeadm-lab differs from what the current packages render (as after a
    // package change); the toolchain change itself is a comment.
    await scratch.edit('dist/kubeadm-lab/argocd/appproject-kubeadm-lab.yaml', 'kind: AppProject', 'kind: AppProject\n# older renderer');
    await scratch.edit('dist/kubeadm-lab/terraform/main.tf.json', '"resource": {', '"resource": {\n    "aws_s3_bucket": { "old": { "bucket": "kubeadm-lab-old" } },');
    scratch.git('commit', '-qam', 'base renders kubeadm-lab differently');
    try {
      scratch.git('checkout', '-qb', 'toolchain');
      await scratch.edit('packages/argocd/src/index.ts', 'export', '// a comment\nexport');
      const result = await affectedClusters({ root: scratch.root, base: 'change' });
      expect(result.clusters).toEqual([{ cluster: 'kubeadm-lab', reasons: ['its rendered output differs after packages/argocd/src/index.ts changed'] }]);
      expect(result.compared?.files).toEqual(['packages/argocd/src/index.ts']);
    } finally {
      scratch.git('checkout', '-q', '-f', 'change');
      scratch.git('reset', '-q', '--hard', 'main');
    }
  }, 120_000);
});
