import type { ComponentPlan } from '@wavesmith/model';
import { CHARTS } from './charts.js';
import { chartPlan, type AddonContext } from './plan.js';

const RELEASE = 'vault';
const NAMESPACE = 'vault';

/**
 * Ready while sealed or uninitialised: Vault is unsealed by hand after the first sync, and the
 * chart's default probe (`vault status`) would keep the Application Progressing until then,
 * blocking every later sync wave.
 */
const READINESS_PATH = '/v1/sys/health?standbyok=true&sealedcode=204&uninitcode=204';

/** HashiCorp Vault: one standalone server, or a Raft cluster of `replicas` when `ha`. */
export function vault(ctx: AddonContext): ComponentPlan {
  const options = ctx.options('vault');
  const replicas = ctx.replicas(options);
  return chartPlan({
    name: RELEASE,
    tier: 'platform',
    namespace: NAMESPACE,
    chart: CHARTS.vault,
    values: {
      server: {
        standalone: { enabled: !options.ha },
        ha: { enabled: options.ha, replicas, raft: options.ha ? { enabled: true, config: raftConfig(replicas) } : { enabled: false } },
        dataStorage: { enabled: true, size: `${options.storageGiB}Gi` },
        readinessProbe: { enabled: true, path: READINESS_PATH },
      },
      injector: { enabled: options.injector },
      // The CSI provider is its own component (secrets-store-provider-vault).
      csi: { enabled: false },
    },
    overrides: options.values,
  });
}

/**
 * The chart's default Raft configuration plus a `retry_join` for every server, so followers join
 * the leader on their own once it is initialised. The configuration is shared by all pods; a
 * server skips the entry naming itself. Pods are reached through the chart's headless
 * `<release>-internal` Service.
 */
function raftConfig(replicas: number): string {
  const joins = Array.from(
    { length: replicas },
    (_, i) => `  retry_join {\n    leader_api_addr = "http://${RELEASE}-${i}.${RELEASE}-internal:8200"\n  }\n`,
  ).join('');
  return [
    'ui = true',
    '',
    'listener "tcp" {',
    '  tls_disable = 1',
    '  address = "[::]:8200"',
    '  cluster_address = "[::]:8201"',
    '}',
    '',
    'storage "raft" {',
    '  path = "/vault/data"',
    `${joins}}`,
    '',
    'service_registration "kubernetes" {}',
    '',
  ].join('\n');
}
