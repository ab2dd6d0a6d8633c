import { Type } from '@sinclair/typebox';
import { defineComponent, pinnedChart, type PinnedChart } from '../component.js';
import { GiB, Replicas } from '../options.js';
import facts from '../facts/vault@0.29.1.json' with { type: 'json' };

const RELEASE = 'vault';
const NAMESPACE = 'vault';

/** The Vault chart; it also ships the Vault CSI provider (csi.enabled), which secrets-store-csi-driver installs from it. */
export const VAULT_CHART: PinnedChart = pinnedChart('https://helm.releases.hashicorp.com', facts);

/**
 * Ready while sealed or uninitialised: Vault is unsealed by hand after the first sync, and the
 * chart's default probe (`vault status`) would keep the Application Progressing until then,
 * blocking every later sync wave.
 */
const READINESS_PATH = '/v1/sys/health?standbyok=true&sealedcode=204&uninitcode=204';

/** HashiCorp Vault: one standalone server, or a Raft cluster of `replicas` when `ha` (TByte platform, seed 002). */
export const vault = defineComponent({
  name: 'vault',
  description: 'HashiCorp Vault, standalone or as a Raft cluster whose followers join on their own.',
  tier: 'platform',
  namespace: NAMESPACE,
  chart: VAULT_CHART,
  options: {
    ha: Type.Boolean({ default: false, description: 'Raft HA with `replicas` servers; otherwise one standalone server.' }),
    replicas: Replicas(3, 3, 3, 'Raft servers per environment, when ha.'),
    injector: Type.Boolean({ default: true, description: 'Run the agent injector.' }),
    storageGiB: GiB(10, 'Size of each server\'s data volume.'),
  },
  provides: () => ({ services: { vault: `http://${RELEASE}.${NAMESPACE}.svc:8200` } }),
  plan: (ctx) => {
    const { entry } = ctx;
    const replicas = ctx.cluster.replicas(entry.replicas);
    return ctx.chartPlan({
      values: {
        server: {
          standalone: { enabled: !entry.ha },
          ha: { enabled: entry.ha, replicas, raft: entry.ha ? { enabled: true, config: raftConfig(replicas) } : { enabled: false } },
          dataStorage: { enabled: true, size: `${entry.storageGiB}Gi` },
          readinessProbe: { enabled: true, path: READINESS_PATH },
        },
        injector: { enabled: entry.injector },
        // The CSI provider is its own component (secrets-store-provider-vault).
        csi: { enabled: false },
      },
      volumeClaims: [{ what: 'server data volume' }],
    });
  },
});

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
