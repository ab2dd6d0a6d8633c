import { ClusterIssuer } from '@kubernetes-models/cert-manager/cert-manager.io/v1/ClusterIssuer';
import { Type, type Static } from '@sinclair/typebox';
import { StringEnum, allowed, type KubeObject } from '@wavesmith/model';
import { defineComponent, pinnedChart, plain } from '../component.js';
import facts from '../facts/cert-manager@v1.13.3.json' with { type: 'json' };

const NAMESPACE = 'cert-manager';
const ACME_SERVERS = {
  production: 'https://acme-v02.api.letsencrypt.org/directory',
  staging: 'https://acme-staging-v02.api.letsencrypt.org/directory',
} as const;
type AcmeServer = keyof typeof ACME_SERVERS;

const LetsEncryptSchema = Type.Object(
  {
    email: Type.String({ pattern: '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$', description: 'Where Let\'s Encrypt sends expiry notices.', ...allowed('an e-mail address for expiry notices') }),
    server: StringEnum(Object.keys(ACME_SERVERS) as AcmeServer[], { default: 'production', description: 'The Let\'s Encrypt server.' }),
    ingressClass: Type.String({ minLength: 1, default: 'nginx', description: 'Ingress class that answers the HTTP-01 challenge.' }),
  },
  { additionalProperties: false, description: 'Renders the ClusterIssuer letsencrypt-<server> when set; no issuer without it.' },
);
type LetsEncrypt = Static<typeof LetsEncryptSchema>;

/** Name of the Let's Encrypt ClusterIssuer of a server: what Ingresses reference. */
export function letsEncryptIssuerName(server: AcmeServer): string {
  return `letsencrypt-${server}`;
}

/** cert-manager, and (in a later wave, once its CRDs exist) the Let's Encrypt ClusterIssuer (veterinary app, seed 001). */
export const certManager = defineComponent({
  name: 'cert-manager',
  description: "cert-manager, and a Let's Encrypt ClusterIssuer synced once its CRDs exist.",
  tier: 'core',
  namespace: NAMESPACE,
  chart: pinnedChart('https://charts.jetstack.io', facts),
  options: {
    letsEncrypt: Type.Optional(LetsEncryptSchema),
  },
  installsCrds: [
    'cert-manager.io/Certificate',
    'cert-manager.io/CertificateRequest',
    'cert-manager.io/Issuer',
    'cert-manager.io/ClusterIssuer',
    'acme.cert-manager.io/Order',
    'acme.cert-manager.io/Challenge',
  ],
  provides: (entry) => ({ clusterIssuers: entry.letsEncrypt ? [letsEncryptIssuerName(entry.letsEncrypt.server)] : [] }),
  plan: (ctx) => {
    const controller = ctx.chartPlan({ values: { installCRDs: true } });
    const acme = ctx.entry.letsEncrypt;
    if (acme === undefined) return [controller];
    return [controller, ctx.manifestPlan({ name: 'cert-manager-issuers', manifests: [letsEncryptIssuer(acme)] })];
  },
});

function letsEncryptIssuer(acme: LetsEncrypt): KubeObject {
  const name = letsEncryptIssuerName(acme.server);
  return plain(
    new ClusterIssuer({
      metadata: { name },
      spec: {
        acme: {
          server: ACME_SERVERS[acme.server],
          email: acme.email,
          privateKeySecretRef: { name: `${name}-account-key` },
          solvers: [{ http01: { ingress: { ingressClassName: acme.ingressClass } } }],
        },
      },
    }),
  );
}
