import type { ComponentPlan } from '@wavesmith/model';
import type { AddonOptions, KubeObject } from '@wavesmith/model';
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
  const name = `letsencrypt-${acme.server}`;
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

/** The NGINX ingress controller. */
export function ingressNginx(ctx: AddonContext): ComponentPlan {
  const options = ctx.options('ingress-nginx');
  return chartPlan({
    name: 'ingress-nginx',
    tier: 'core',
    namespace: 'ingress-nginx',
    chart: CHARTS.ingressNginx,
    values: { controller: { replicaCount: ctx.replicas(options), service: { type: options.serviceType }, ingressClassResource: { default: true } } },
    overrides: options.values,
  });
}

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
