import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { argocdAppsValues, argocdHelmRelease } from '../src/argocd-helm-release.js';
import { ARGOCD } from './argocd-fixture.js';
import { render } from './helpers.js';

describe('argocdHelmRelease', () => {
  it("installs the argocd component's chart and values once, under its Application's release name, then leaves it to Argo CD", () => {
    const { resource } = render((stack) => {
      const nodes = stack.resource('aws_eks_node_group', 'system', {});
      argocdHelmRelease(stack, { argocd: ARGOCD, after: [nodes] });
    });
    const argocd = resource('helm_release').argocd;
    expect(argocd).toMatchObject({
      name: 'argocd',
      repository: 'https://argoproj.github.io/argo-helm',
      chart: 'argo-cd',
      version: '8.5.0',
      namespace: 'argocd',
      create_namespace: true,
      wait: true,
      depends_on: ['aws_eks_node_group.system'],
      lifecycle: { ignore_changes: 'all' },
    });
    expect(parse(argocd.values[0])).toEqual(ARGOCD.chart.values);
  });

  it('applies the root Application as its own release that Terraform keeps, named apart from every Application', () => {
    const { resource } = render((stack) => argocdHelmRelease(stack, { argocd: ARGOCD, after: [] }));
    const root = resource('helm_release').argocd_root;
    expect(root).toMatchObject({ name: 'wavesmith-root', chart: 'argocd-apps', version: '2.0.5', namespace: 'argocd', depends_on: ['helm_release.argocd'] });
    expect(root.lifecycle).toBeUndefined();
    expect(parse(root.values[0])).toEqual({
      applications: {
        'vet-root': {
          namespace: 'argocd',
          additionalLabels: { 'app.kubernetes.io/part-of': 'vet' },
          project: 'default',
          destination: { server: 'https://kubernetes.default.svc', namespace: 'argocd' },
          source: { repoURL: 'https://example.com/fleet.git', targetRevision: 'main', path: 'dist/vet/argocd' },
          syncPolicy: { automated: { prune: true, selfHeal: true } },
        },
      },
    });
  });

  it('fails for an Application field the argocd-apps chart would drop', () => {
    const app = { ...ARGOCD.rootApplication, spec: { ...(ARGOCD.rootApplication.spec as object), operation: {} } };
    expect(() => argocdAppsValues(app)).toThrow('Application vet-root: the argocd-apps chart does not render spec.operation');
  });
});
