import { cp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkOutput } from '../src/check-output.js';
import { plantedRoot, repo } from './repo-copy.js';

describe('checkOutput', () => {
  it('finds no difference between the committed output of this repository and a fresh build', async () => {
    const drift = await checkOutput(repo);
    expect({ modified: drift.modified, missing: drift.missing, extra: drift.extra }).toEqual({ modified: [], missing: [], extra: [] });
    expect(drift.clusters).toBeGreaterThan(0);
  }, 60_000);

  describe('on output edited by hand', () => {
    let root: string;
    beforeAll(async () => {
      root = await plantedRoot('check', [], ['tbyte-dev', 'kubeadm-lab']);
      for (const cluster of ['tbyte-dev', 'kubeadm-lab']) {
        await cp(join(repo, 'dist', cluster), join(root, 'dist', cluster), { recursive: true });
        await cp(join(repo, 'argocd-apps', `${cluster}.yaml`), join(root, 'argocd-apps', `${cluster}.yaml`));
      }
      await writeFile(join(root, 'dist/tbyte-dev/apps/tbyte-frontend/service-frontend.yaml'), 'edited: by hand\n');
      await writeFile(join(root, 'dist/tbyte-dev/apps/tbyte-frontend/configmap-extra.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\n');
      await rm(join(root, 'argocd-apps/kubeadm-lab.yaml'));
    });
    afterAll(() => rm(root, { recursive: true, force: true }));

    it('lists each modified, missing and extra file, and writes nothing into the repository', async () => {
      const drift = await checkOutput(root);
      expect({ modified: drift.modified, missing: drift.missing, extra: drift.extra }).toEqual({
        modified: ['dist/tbyte-dev/apps/tbyte-frontend/service-frontend.yaml'],
        missing: ['argocd-apps/kubeadm-lab.yaml'],
        extra: ['dist/tbyte-dev/apps/tbyte-frontend/configmap-extra.yaml'],
      });
      expect(drift.committed.get('dist/tbyte-dev/apps/tbyte-frontend/service-frontend.yaml')).toBe('edited: by hand\n');
    }, 60_000);
  });
});
