import type { ComponentPlan } from '@wavesmith/model';
import { CHARTS } from './charts.js';
import { chartPlan, type AddonContext } from './plan.js';

/** HashiCorp Vault: one standalone server, or a Raft cluster of `replicas` when `ha`. */
export function vault(ctx: AddonContext): ComponentPlan {
  const options = ctx.options('vault');
  return chartPlan({
    name: 'vault',
    tier: 'platform',
    namespace: 'vault',
    chart: CHARTS.vault,
    values: {
      server: {
        standalone: { enabled: !options.ha },
        ha: { enabled: options.ha, replicas: ctx.replicas(options), raft: { enabled: options.ha } },
        dataStorage: { enabled: true, size: `${options.storageGiB}Gi` },
      },
      injector: { enabled: options.injector },
      // The CSI provider is its own component (secrets-store-provider-vault).
      csi: { enabled: false },
    },
    overrides: options.values,
  });
}
