import { Type } from '@sinclair/typebox';
import { StringEnum } from '@wavesmith/model';
import { defineComponent, pinnedChart, type PinnedChart } from '../component.js';
import { Duration } from '../options.js';
import { VAULT_CHART } from './vault.js';
import facts from '../facts/secrets-store-csi-driver@1.4.7.json' with { type: 'json' };
import providerAwsFacts from '../facts/secrets-store-csi-driver-provider-aws@0.3.11.json' with { type: 'json' };

const NAMESPACE = 'kube-system';
const DRIVER = 'secrets-store-csi-driver';
/** Where the driver reads secrets from: AWS Secrets Manager, or Vault. */
const SECRET_PROVIDERS = ['aws', 'vault'] as const;
const PROVIDER_AWS_CHART: PinnedChart = pinnedChart('https://aws.github.io/secrets-store-csi-driver-provider-aws', providerAwsFacts);

/** The Secrets Store CSI driver, and one plan per provider it reads secrets through (TByte platform, seed 002). */
export const secretsStoreCsiDriver = defineComponent({
  name: DRIVER,
  description: 'The Secrets Store CSI driver and its AWS and Vault providers: secrets mounted as files, never stored in Git or etcd.',
  tier: 'core',
  namespace: NAMESPACE,
  chart: pinnedChart('https://kubernetes-sigs.github.io/secrets-store-csi-driver/charts', facts),
  otherCharts: [PROVIDER_AWS_CHART, VAULT_CHART],
  options: {
    providers: Type.Array(StringEnum(SECRET_PROVIDERS), { uniqueItems: true, default: ['aws', 'vault'], description: 'Where secrets are read from: AWS Secrets Manager, Vault.' }),
    syncSecrets: Type.Boolean({ default: true, description: 'Mirror mounted secrets into Kubernetes Secrets (for env vars).' }),
    rotationPollInterval: Duration('2m', 'How often mounted secrets are read again.'),
  },
  installsCrds: ['secrets-store.csi.x-k8s.io/SecretProviderClass', 'secrets-store.csi.x-k8s.io/SecretProviderClassPodStatus'],
  rules: (entry, context, report) => {
    entry.providers.forEach((provider, j) => {
      if (provider === 'aws' && context.spec.distribution !== 'eks') {
        report(`/providers/${j}`, provider, `"vault": the AWS provider reads Secrets Manager with an IRSA role, which needs eks (not ${context.spec.distribution})`);
      }
      if (provider === 'vault' && context.services.vault === undefined) {
        report(`/providers/${j}`, provider, 'a provider whose secret store is on the cluster: "vault" needs platform "vault" to read from');
      }
    });
  },
  plan: (ctx) => {
    const vaultAddress = ctx.cluster.services.vault;
    const driver = ctx.chartPlan({
      values: { syncSecret: { enabled: ctx.entry.syncSecrets }, enableSecretRotation: true, rotationPollInterval: ctx.entry.rotationPollInterval },
    });
    // Providers register with the driver's CSIDriver over its socket: they need the driver running.
    const providers = {
      aws: () =>
        // Chart 0.3.11 installs the provider only (its values have no switch for the driver).
        ctx.chartPlan({ name: 'secrets-store-provider-aws', chart: PROVIDER_AWS_CHART, values: {}, needs: [DRIVER] }),
      vault: () =>
        ctx.chartPlan({
          name: 'secrets-store-provider-vault',
          chart: VAULT_CHART,
          // Only the CSI provider of the Vault chart; the Vault server is the `vault` component, which
          // the provider must be pointed at: by default it would call a Vault of its own release.
          values: { global: { externalVaultAddr: vaultAddress }, server: { enabled: false }, injector: { enabled: false }, csi: { enabled: true } },
          needs: [DRIVER],
        }),
    };
    return [driver, ...[...ctx.entry.providers].sort().map((name) => providers[name]())];
  },
});
