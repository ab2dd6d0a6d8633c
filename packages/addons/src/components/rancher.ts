import { Type } from '@sinclair/typebox';
import { allowed } from '@wavesmith/model';
import { defineComponent } from '../component.js';
import { Replicas } from '../options.js';

/** Rancher behind the NGINX ingress, with its own CA issued through cert-manager (veterinary app, seed 001). */
export const rancher = defineComponent({
  name: 'rancher',
  description: 'Rancher multi-cluster management behind the NGINX ingress, with its certificate from cert-manager.',
  tier: 'platform',
  namespace: 'cattle-system',
  chart: { repoURL: 'https://releases.rancher.com/server-charts/latest', chart: 'rancher', version: '2.7.9' },
  options: {
    hostname: Type.String({ pattern: '^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$', description: 'The DNS name Rancher is served at.', ...allowed('the DNS name Rancher is served at, such as rancher.example.com') }),
    replicas: Replicas(1, 3, 3, 'Rancher replicas per environment (seed 001: 1 in dev, 3 in prod).'),
  },
  support: {
    requires: [
      { component: 'cert-manager', why: 'the chart issues its certificate through cert-manager' },
      { component: 'ingress-nginx', why: 'the chart exposes Rancher through an nginx Ingress' },
    ],
  },
  rules: (_entry, context, report) => {
    if (Number(context.spec.kubernetesVersion.split('.')[1]) > 27) {
      report('#/kubernetesVersion', context.spec.kubernetesVersion, 'at most 1.27 while platform includes rancher (Rancher 2.7.9 supports Kubernetes up to 1.27)');
    }
  },
  plan: (ctx) =>
    ctx.chartPlan({
      values: { hostname: ctx.entry.hostname, replicas: ctx.cluster.replicas(ctx.entry.replicas), ingress: { ingressClassName: 'nginx', tls: { source: 'rancher' } } },
      // The chart creates an Issuer and a Certificate for its ingress.
      usesCrds: ['cert-manager.io/Issuer', 'cert-manager.io/Certificate'],
      needs: ['ingress-nginx'],
    }),
});
