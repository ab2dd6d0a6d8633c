import type { NodePoolSpec, Rke2Options } from '@wavesmith/model';
import { stringify } from 'yaml';
import { RKE2_INSTALLER } from './bootstrap-sources.js';
import { renderCloudConfig, type BootStep } from './cloud-config.js';
import { argocdNodeBootstrap } from './argocd-node-bootstrap.js';
import type { ArgoCdBootstrap } from './argocd-bootstrap.js';
import { helmCli } from './helm-cli.js';
import { awsCli, NODE_PREREQUISITES, readParameter } from './node-prerequisites.js';
import { taintText } from './names.js';

/** RKE2's supervisor port: agents and further servers register there (rancher/rke2-docs docs/install/ha.md). */
export const RKE2_SUPERVISOR_PORT = 9345;
const CONFIG = '/etc/rancher/rke2/config.yaml';
const TOKEN = '/etc/rancher/rke2/token';
const AGENT_TOKEN = '/etc/rancher/rke2/agent-token';
const INSTALLER = '/run/wavesmith/install-rke2.sh';

/** Where RKE2 servers put the admin kubeconfig and kubectl (rancher/rke2-docs docs/install/quickstart.md). */
export const RKE2_KUBE_ACCESS = { kubeconfig: '/etc/rancher/rke2/rke2.yaml', kubectl: '/var/lib/rancher/rke2/bin/kubectl' } as const;

export interface Rke2NodeProps {
  readonly role: 'server' | 'agent';
  /** The first server starts the cluster; the others and all agents register with it. */
  readonly first: boolean;
  /** RKE2 release (`v1.27.16+rke2r2`). */
  readonly version: string;
  readonly region: string;
  /** Fixed private IP of the first server: the registration address and a TLS SAN. */
  readonly registrationAddress: string;
  readonly pool: NodePoolSpec;
  readonly cni: NonNullable<Rke2Options['cni']>;
  /** Pod range. @default RKE2's 10.42.0.0/16 */
  readonly clusterCidr?: string;
  /** Service range. @default RKE2's 10.43.0.0/16 */
  readonly serviceCidr?: string;
  /** Packaged components the platform replaces (`rke2-ingress-nginx`). @default none */
  readonly disable?: readonly string[];
  /** SSM parameter of the server token (servers only). */
  readonly serverTokenParameter: string;
  /** SSM parameter of the agent token: agents join with it and cannot join as servers. */
  readonly agentTokenParameter: string;
  /** Argo CD, installed by the first server. @default none */
  readonly argocd?: ArgoCdBootstrap;
}

/**
 * The RKE2 config file of a node (keys: rancher/rke2-docs docs/reference/server_config.md and
 * linux_agent_config.md; the flags exist in rancher/rke2 v1.27.16+rke2r2 pkg/cli/cmds). Settings
 * that must match on all servers (CIDRs, CNI, disabled charts) come from the cluster spec and
 * are the same in every server's file.
 */
export function rke2Config(props: Rke2NodeProps): Record<string, unknown> {
  const join = props.first ? {} : { server: `https://${props.registrationAddress}:${RKE2_SUPERVISOR_PORT}` };
  const node = {
    'node-label': labelList(props.pool),
    'node-taint': taintList(props.pool),
  };
  if (props.role === 'agent') return { ...join, 'token-file': AGENT_TOKEN, ...node };
  return {
    ...join,
    'token-file': TOKEN,
    'agent-token-file': AGENT_TOKEN,
    'tls-san': [props.registrationAddress],
    'write-kubeconfig-mode': '0600',
    cni: props.cni,
    'cluster-cidr': props.clusterCidr,
    'service-cidr': props.serviceCidr,
    // "Disabling Server Charts" (rancher/rke2-docs docs/advanced.md): set before bootstrapping.
    disable: props.disable && props.disable.length > 0 ? props.disable : undefined,
    ...node,
  };
}

/**
 * The cloud-config of an RKE2 server or agent: prerequisites, the join token(s) from SSM, the
 * config file, RKE2 installed at the pinned release by its install script, the service started,
 * and on the first server Argo CD. RKE2 brings its own containerd.
 */
export function rke2UserData(props: Rke2NodeProps): string {
  const service = props.role === 'server' ? 'rke2-server.service' : 'rke2-agent.service';
  const tokens = [
    ...(props.role === 'server' ? [readParameter(props.region, props.serverTokenParameter, TOKEN)] : []),
    readParameter(props.region, props.agentTokenParameter, AGENT_TOKEN),
  ];
  const steps: BootStep[] = [
    ...NODE_PREREQUISITES,
    awsCli,
    { name: 'join token', commands: tokens },
    {
      name: 'rke2',
      files: [{ path: CONFIG, content: stringify(rke2Config(props), { lineWidth: 0 }), permissions: '0600' }],
      commands: [
        ['mkdir', '-p', '/run/wavesmith'],
        ['curl', '-sfL', '--retry', '5', '-o', INSTALLER, RKE2_INSTALLER],
        ['env', `INSTALL_RKE2_VERSION=${props.version}`, `INSTALL_RKE2_TYPE=${props.role}`, 'sh', INSTALLER],
        ['systemctl', 'enable', '--now', service],
      ],
    },
  ];
  if (props.first && props.argocd) steps.push(helmCli, argocdNodeBootstrap(props.argocd, RKE2_KUBE_ACCESS));
  return renderCloudConfig(steps);
}

function labelList(pool: NodePoolSpec): string[] | undefined {
  const labels = Object.entries(pool.labels ?? {});
  return labels.length > 0 ? labels.map(([k, v]) => `${k}=${v}`) : undefined;
}

function taintList(pool: NodePoolSpec): string[] | undefined {
  const taints = pool.taints ?? [];
  return taints.length > 0 ? taints.map(taintText) : undefined;
}
