import type { ComponentPlan } from '@wavesmith/model';
import type { SecretProvider } from '@wavesmith/model';
import { CHARTS } from './charts.js';
import { chartPlan, type AddonContext } from './plan.js';

const NAMESPACE = 'kube-system';
const DRIVER = 'secrets-store-csi-driver';

/** The Secrets Store CSI driver, and one plan per provider it reads secrets through. */
export function secretsStore(ctx: AddonContext): ComponentPlan[] {
  const options = ctx.options(DRIVER);
  const driver = chartPlan({
    name: DRIVER,
    tier: 'core',
    namespace: NAMESPACE,
    chart: CHARTS.secretsStoreCsiDriver,
    values: {
      syncSecret: { enabled: options.syncSecrets },
      enableSecretRotation: true,
      rotationPollInterval: options.rotationPollInterval,
    },
    overrides: options.values,
    installsCrds: ['secrets-store.csi.x-k8s.io/SecretProviderClass', 'secrets-store.csi.x-k8s.io/SecretProviderClassPodStatus'],
  });
  return [driver, ...[...options.providers].sort().map((name) => PROVIDERS[name]())];
}

// Providers register with the driver's CSIDriver over its socket: they need the driver running.
const PROVIDERS: Record<SecretProvider, () => ComponentPlan> = {
  aws: () =>
    chartPlan({
      name: 'secrets-store-provider-aws',
      tier: 'core',
      namespace: NAMESPACE,
      chart: CHARTS.secretsStoreProviderAws,
      values: { 'secrets-store-csi-driver': { install: false } },
      overrides: {},
      needs: [DRIVER],
    }),
  vault: () =>
    chartPlan({
      name: 'secrets-store-provider-vault',
      tier: 'core',
      namespace: NAMESPACE,
      chart: CHARTS.vault,
      // Only the CSI provider of the Vault chart; the Vault server is the `vault` component.
      values: { server: { enabled: false }, injector: { enabled: false }, csi: { enabled: true } },
      overrides: {},
      needs: [DRIVER],
    }),
};
