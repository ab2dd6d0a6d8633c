import { Type } from '@sinclair/typebox';
import { StringEnum, type Distribution } from '@wavesmith/model';
import { defineComponent, pinnedChart } from '../component.js';
import { Replicas } from '../options.js';
import facts from '../facts/ingress-nginx@4.9.0.json' with { type: 'json' };

/**
 * How ingress-nginx is reached: a cloud `LoadBalancer` Service, a `NodePort` Service, or ports
 * 80/443 opened on every node by a DaemonSet (for clusters whose load balancer targets the nodes).
 */
const INGRESS_EXPOSURES = ['load-balancer', 'node-port', 'host-ports'] as const;
type IngressExposure = (typeof INGRESS_EXPOSURES)[number];

/**
 * Only EKS and AKS provision a load balancer for a `LoadBalancer` Service; elsewhere it would stay
 * pending, and Argo CD would never report ingress-nginx Healthy.
 */
const DEFAULT_EXPOSURE: { readonly [D in Distribution]: IngressExposure } = {
  eks: 'load-balancer',
  aks: 'load-balancer',
  rke2: 'host-ports',
  kubeadm: 'host-ports',
};

/** `controller` values of each exposure, given the replica count. */
const EXPOSURE_VALUES: Record<IngressExposure, (replicas: number) => Record<string, unknown>> = {
  'load-balancer': (replicas) => ({ replicaCount: replicas, service: { type: 'LoadBalancer' } }),
  'node-port': (replicas) => ({ replicaCount: replicas, service: { type: 'NodePort' } }),
  // One controller per node on ports 80/443, where the cluster's load balancer sends traffic.
  // No Service address to publish into Ingress status: a ClusterIP has none reachable from outside.
  'host-ports': () => ({ kind: 'DaemonSet', hostPort: { enabled: true }, service: { type: 'ClusterIP' }, publishService: { enabled: false } }),
};

/** The NGINX ingress controller serving the `nginx` IngressClass, exposed as its options or the distribution say (seed 001). */
export const ingressNginx = defineComponent({
  name: 'ingress-nginx',
  description: 'The NGINX ingress controller and its default `nginx` IngressClass, exposed by load balancer, node port or host ports.',
  tier: 'core',
  namespace: 'ingress-nginx',
  chart: pinnedChart('https://kubernetes.github.io/ingress-nginx', facts),
  options: {
    replicas: Replicas(1, 2, 2, 'Controller replicas per environment (host-ports runs one per node).'),
    exposure: Type.Optional(StringEnum(INGRESS_EXPOSURES, { description: 'How the controller is reached. Default: load-balancer on EKS and AKS, host-ports on RKE2 and kubeadm.' })),
  },
  provides: (entry, spec) => ({ ingressClasses: [{ name: 'nginx', controller: 'nginx', hostPorts: (entry.exposure ?? DEFAULT_EXPOSURE[spec.distribution]) === 'host-ports' }] }),
  plan: (ctx) => {
    const exposure = ctx.entry.exposure ?? DEFAULT_EXPOSURE[ctx.cluster.spec.distribution];
    return ctx.chartPlan({
      values: { controller: { ingressClassResource: { default: true }, ...EXPOSURE_VALUES[exposure](ctx.cluster.replicas(ctx.entry.replicas)) } },
    });
  },
});
