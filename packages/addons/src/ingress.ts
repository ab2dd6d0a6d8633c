import type { ComponentPlan } from '@wavesmith/model';
import { DEFAULT_INGRESS_EXPOSURE, letsEncryptIssuerName, type AddonOptions, type IngressExposure, type KubeObject } from '@wavesmith/model';
import { CHARTS } from './charts.js';
import { chartPlan, manifestPlan, type AddonContext } from './plan.js';

const ACME_SERVERS = {
  production: 'https://acme-v02.api.letsencrypt.org/directory',
  staging: 'https://acme-staging-v02.api.letsencrypt.org/directory',
} as const;

/** cert-manager, and (in a later wave, once its CRDs exist) the Let's Encrypt ClusterIssuer. */
export function certManager(ctx: AddonContext): ComponentPlan[] {
  const options = ctx.options('cert-manager');
  const controller = chartPlan({
    name: 'cert-manager',
    tier: 'core',
    namespace: 'cert-manager',
    chart: CHARTS.certManager,
    values: { installCRDs: true },
    overrides: options.values,
    installsCrds: [
      'cert-manager.io/Certificate',
      'cert-manager.io/CertificateRequest',
      'cert-manager.io/Issuer',
      'cert-manager.io/ClusterIssuer',
      'acme.cert-manager.io/Order',
      'acme.cert-manager.io/Challenge',
    ],
  });
  if (options.letsEncrypt === undefined) return [controller];
  return [controller, manifestPlan({ name: 'cert-manager-issuers', tier: 'core', namespace: 'cert-manager', manifests: [letsEncryptIssuer(options.letsEncrypt)] })];
}

function letsEncryptIssuer(acme: NonNullable<AddonOptions<'cert-manager'>['letsEncrypt']>): KubeObject {
  const name = letsEncryptIssuerName(acme.server);
  return {
    apiVersion: 'cert-manager.io/v1',
    kind: 'ClusterIssuer',
    metadata: { name },
    spec: {
      acme: {
        server: ACME_SERVERS[acme.server],
        email: acme.email,
        privateKeySecretRef: { name: `${name}-account-key` },
        solvers: [{ http01: { ingress: { ingressClassName: acme.ingressClass } } }],
      },
    },
  };
}

/** The NGINX ingress controller, exposed as its options or the cluster's distribution say. */
export function ingressNginx(ctx: AddonContext): ComponentPlan {
  const options = ctx.options('ingress-nginx');
  const exposure = options.exposure ?? DEFAULT_INGRESS_EXPOSURE[ctx.spec.distribution];
  return chartPlan({
    name: 'ingress-nginx',
    tier: 'core',
    namespace: 'ingress-nginx',
    chart: CHARTS.ingressNginx,
    values: { controller: { ingressClassResource: { default: true }, ...EXPOSURE_VALUES[exposure](ctx.replicas(options)) } },
    overrides: options.values,
  });
}

/** `controller` values of each exposure, given the replica count. */
const EXPOSURE_VALUES: Record<IngressExposure, (replicas: number) => Record<string, unknown>> = {
  'load-balancer': (replicas) => ({ replicaCount: replicas, service: { type: 'LoadBalancer' } }),
  'node-port': (replicas) => ({ replicaCount: replicas, service: { type: 'NodePort' } }),
  // One controller per node on ports 80/443, where the cluster's load balancer sends traffic.
  // No Service address to publish into Ingress status: a ClusterIP has none reachable from outside.
  'host-ports': () => ({ kind: 'DaemonSet', hostPort: { enabled: true }, service: { type: 'ClusterIP' }, publishService: { enabled: false } }),
};

/** Rancher behind the NGINX ingress, with its own CA issued through cert-manager (seed 001). */
export function rancher(ctx: AddonContext): ComponentPlan {
  const options = ctx.options('rancher');
  return chartPlan({
    name: 'rancher',
    tier: 'platform',
    namespace: 'cattle-system',
    chart: CHARTS.rancher,
    values: { hostname: options.hostname, replicas: ctx.replicas(options), ingress: { ingressClassName: 'nginx', tls: { source: 'rancher' } } },
    overrides: options.values,
    // The chart creates an Issuer and a Certificate for its ingress.
    usesCrds: ['cert-manager.io/Issuer', 'cert-manager.io/Certificate'],
    needs: ['ingress-nginx'],
  });
}
