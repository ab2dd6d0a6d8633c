import { Type } from '@sinclair/typebox';
import { allowed } from '@wavesmith/model';
import { defineComponent, pinnedChart } from '../component.js';
import { Replicas } from '../options.js';
import facts from '../facts/rancher@2.7.9.json' with { type: 'json' };

/** Rancher behind the NGINX ingress, with its own CA issued through cert-manager (veterinary app, seed 001). */
export const rancher = defineComponent({
  name: 'rancher',
  description: 'Rancher multi-cluster management behind the NGINX ingress, with its certificate from cert-manager.',
  tier: 'platform',
  namespace: 'cattle-system',
  chart: pinnedChart('https://releases.rancher.com/server-charts/latest', facts),
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
  plan: (ctx) =>
    ctx.chartPlan({
      values: {
        hostname: ctx.entry.hostname,
        replicas: ctx.cluster.replicas(ctx.entry.replicas),
        ingress: { ingressClassName: 'nginx', tls: { source: 'rancher' } },
        // Left empty, the chart decides by a Helm lookup, which Argo CD cannot do, and renders a
        // PodSecurityPolicy: an API removed in Kubernetes 1.25.
        global: { cattle: { psp: { enabled: false } } },
      },
      // The chart creates an Issuer and a Certificate for its ingress.
      usesCrds: ['cert-manager.io/Issuer', 'cert-manager.io/Certificate'],
      needs: ['ingress-nginx'],
    }),
});
