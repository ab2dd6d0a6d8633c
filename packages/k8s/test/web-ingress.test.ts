import { describe, expect, it } from 'vitest';
import { WebIngress, type WebIngressProps } from '../src/web-ingress.js';
import { find, render } from './render.js';

const base: WebIngressProps = {
  name: 'shop',
  namespace: 'shop',
  labels: { 'app.kubernetes.io/part-of': 'shop' },
  host: 'shop.example.com',
  serviceName: 'shop',
  servicePort: 'http',
  controller: 'nginx',
};
const renderIngress = (props: Partial<WebIngressProps> = {}) => render((chart) => new WebIngress(chart, 'ingress', { ...base, ...props }));
const policies = (objects: ReturnType<typeof renderIngress>) => objects.filter((o) => o.kind === 'NetworkPolicy');

describe('WebIngress', () => {
  it('admits ingress-nginx to cert-manager HTTP-01 solver pods on 8089 when a ClusterIssuer issues the certificate', () => {
    const objects = renderIngress({ clusterIssuer: 'letsencrypt-production' });
    expect(find(objects, 'NetworkPolicy', 'shop-acme-http01-solver')).toMatchObject({
      metadata: { namespace: 'shop' },
      spec: {
        podSelector: { matchLabels: { 'acme.cert-manager.io/http01-solver': 'true' } },
        policyTypes: ['Ingress'],
        ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }], ports: [{ port: 8089, protocol: 'TCP' }] }],
      },
    });
  });

  it('opens nothing for solvers without a cert-manager certificate or behind a cloud load balancer', () => {
    expect(policies(renderIngress())).toEqual([]);
    expect(policies(renderIngress({ controller: 'alb', clusterIssuer: 'letsencrypt-production' }))).toEqual([]);
  });
});
