import { kubernetesMinorOf, type NodePoolSpec } from '@wavesmith/model';
import { stringify } from 'yaml';
import { FLANNEL_CHART, kubernetesAptRepository } from './bootstrap-sources.js';
import { renderCloudConfig, type BootStep } from './cloud-config.js';
import { argocdNodeBootstrap } from './argocd-node-bootstrap.js';
import type { ArgoCdBootstrap } from './argocd-bootstrap.js';
import { helmCli, helmInstall } from './helm-cli.js';
import { taintText } from './names.js';
import { awsCli, NODE_PREREQUISITES, readParameter } from './node-prerequisites.js';

/** The VXLAN port the seed's security groups open between nodes (seed 004); Flannel's own default is 8472. */
export const FLANNEL_VXLAN_PORT = 4789;
const API_PORT = 6443;
const CRI_SOCKET = 'unix:///run/containerd/containerd.sock';
const KUBEADM_CONFIG = '/etc/wavesmith/kubeadm.yaml';
const FLANNEL_VALUES = '/etc/wavesmith/flannel-values.yaml';
const DISCOVERY = '/run/wavesmith/discovery.conf';
const JOIN_TOKEN = '/run/wavesmith/join-token';
const ADMIN = { kubeconfig: '/etc/kubernetes/admin.conf', kubectl: '/usr/bin/kubectl' } as const;

/**
 * containerd with the systemd cgroup driver, which kubeadm gives the kubelet by default since
 * v1.22 (kubernetes/website container-runtimes.md, "Configuring the systemd cgroup driver").
 * Written before the package installs, and kept by it: cloud-init installs packages with
 * `--force-confold` (canonical/cloud-init 24.4 cloudinit/distros/package_management/apt.py).
 * containerd 1.x reads version 2 files and fills the rest with its defaults.
 */
const CONTAINERD_CONFIG = `version = 2

[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
  SystemdCgroup = true
`;

export interface KubeadmNodeProps {
  readonly role: 'control-plane' | 'worker';
  /** Kubernetes patch release (`1.31.14`): package versions and the control plane's. */
  readonly kubernetesVersion: string;
  readonly region: string;
  /** Fixed private IP of the control plane: controlPlaneEndpoint and a certificate SAN. */
  readonly controlPlaneAddress: string;
  readonly pool: NodePoolSpec;
  readonly podCidr: string;
  /** @default kubeadm's 10.96.0.0/12 */
  readonly serviceCidr?: string;
  /** SSM parameters: the CA the cluster is built on and the join token (control plane), or the discovery kubeconfig (workers). */
  readonly parameters: { readonly caCert: string; readonly caKey: string; readonly joinToken: string } | { readonly discovery: string };
  /** Argo CD, installed by the control plane. @default none */
  readonly argocd?: ArgoCdBootstrap;
}

/** kubeadm's config API for a Kubernetes minor: v1beta4 from 1.31 (kubeadm.k8s.io), v1beta3 before. */
function kubeadmApi(kubernetesVersion: string): { readonly apiVersion: string; readonly listArgs: boolean } {
  const minor = Number(kubernetesMinorOf(kubernetesVersion).split('.')[1]);
  return minor >= 31 ? { apiVersion: 'kubeadm.k8s.io/v1beta4', listArgs: true } : { apiVersion: 'kubeadm.k8s.io/v1beta3', listArgs: false };
}

/**
 * nodeRegistration of the node (kubeadm v1beta4 NodeRegistrationOptions): containerd's socket,
 * the pool's labels as the kubelet's --node-labels (v1beta4 takes extra args as name/value
 * pairs, v1beta3 as a map) and its taints. Left unset, `taints` gives a control plane kubeadm's
 * own NoSchedule taint, so the pool's taints are added to it rather than replacing it.
 */
function nodeRegistration(props: KubeadmNodeProps): Record<string, unknown> {
  const api = kubeadmApi(props.kubernetesVersion);
  const labels = Object.entries(props.pool.labels ?? {}).map(([k, v]) => `${k}=${v}`);
  const args = labels.length === 0 ? undefined : api.listArgs ? [{ name: 'node-labels', value: labels.join(',') }] : { 'node-labels': labels.join(',') };
  const poolTaints = props.pool.taints ?? [];
  const controlPlaneTaint = props.role === 'control-plane' ? [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] : [];
  return {
    criSocket: CRI_SOCKET,
    kubeletExtraArgs: args,
    taints: poolTaints.length > 0 ? [...controlPlaneTaint, ...poolTaints.map((t) => ({ key: t.key, value: t.value, effect: t.effect }))] : undefined,
  };
}

/**
 * The kubeadm configuration of a node (kubernetes/kubernetes cmd/kubeadm/app/apis/kubeadm/v1beta4
 * types.go): InitConfiguration and ClusterConfiguration on the control plane, with the spec's
 * version and ranges and the fixed address as endpoint; a JoinConfiguration on workers that
 * discovers the cluster from a kubeconfig file (`discovery.file`), which carries the CA and the
 * bootstrap token and is read from SSM at boot.
 */
export function kubeadmConfig(props: KubeadmNodeProps): readonly Record<string, unknown>[] {
  const { apiVersion } = kubeadmApi(props.kubernetesVersion);
  if (props.role === 'worker') {
    return [{ apiVersion, kind: 'JoinConfiguration', discovery: { file: { kubeConfigPath: DISCOVERY } }, nodeRegistration: nodeRegistration(props) }];
  }
  return [
    { apiVersion, kind: 'InitConfiguration', nodeRegistration: nodeRegistration(props) },
    {
      apiVersion,
      kind: 'ClusterConfiguration',
      kubernetesVersion: `v${props.kubernetesVersion}`,
      controlPlaneEndpoint: `${props.controlPlaneAddress}:${API_PORT}`,
      networking: { podSubnet: props.podCidr, serviceSubnet: props.serviceCidr },
      apiServer: { certSANs: [props.controlPlaneAddress] },
    },
  ];
}

/** Flannel's chart values: the spec's pod range (kubeadm's podSubnet) and VXLAN on the port the security groups open. */
export function flannelValues(podCidr: string): Record<string, unknown> {
  return { podCidr, flannel: { backend: 'vxlan', backendPort: FLANNEL_VXLAN_PORT } };
}

/** containerd from Ubuntu, configured before it starts serving the kubelet. */
const containerd: BootStep = {
  name: 'containerd',
  files: [{ path: '/etc/containerd/config.toml', content: CONTAINERD_CONFIG }],
  packages: ['containerd'],
  commands: [['systemctl', 'restart', 'containerd']],
};

/** kubelet, kubeadm and kubectl at the cluster's exact version from the minor's repository, held against upgrades. */
function kubernetesPackages(version: string): BootStep {
  const repository = kubernetesAptRepository(kubernetesMinorOf(version));
  const keyring = '/etc/apt/keyrings/kubernetes-apt-keyring.gpg';
  const pinned = ['kubelet', 'kubeadm', 'kubectl'].map((p) => `${p}=${version}-1.1`);
  return {
    name: 'kubernetes packages',
    // Deferred: the package step's apt-get update would fail on a source whose key is not there yet.
    files: [{ path: '/etc/apt/sources.list.d/kubernetes.list', content: `deb [signed-by=${keyring}] ${repository.url} /\n`, defer: true }],
    commands: [
      ['mkdir', '-p', '/etc/apt/keyrings', '/run/wavesmith'],
      ['curl', '-fsSL', '--retry', '5', '-o', '/run/wavesmith/kubernetes-release.key', repository.key],
      ['gpg', '--batch', '--yes', '--dearmor', '-o', keyring, '/run/wavesmith/kubernetes-release.key'],
      ['apt-get', 'update'],
      ['apt-get', 'install', '-y', ...pinned],
      ['apt-mark', 'hold', 'kubelet', 'kubeadm', 'kubectl'],
    ],
  };
}

/**
 * The cloud-config of a kubeadm node, in the order of seed 004's Ansible plays: containerd,
 * kernel modules, sysctls, swap off, the Kubernetes packages; then on the control plane the
 * CA from SSM, `kubeadm init`, the join token, Flannel (VXLAN on 4789) and Argo CD; on a worker
 * the discovery kubeconfig from SSM and `kubeadm join`, retried until the control plane answers.
 */
export function kubeadmUserData(props: KubeadmNodeProps): string {
  const configStep: BootStep = {
    name: 'kubeadm config',
    files: [{ path: KUBEADM_CONFIG, content: kubeadmConfig(props).map((doc) => stringify(doc, { lineWidth: 0 })).join('---\n') }],
  };
  const common = [containerd, ...NODE_PREREQUISITES, kubernetesPackages(props.kubernetesVersion), awsCli, configStep];
  const p = props.parameters;
  if ('discovery' in p) {
    return renderCloudConfig([
      ...common,
      {
        name: 'kubeadm join',
        commands: [
          readParameter(props.region, p.discovery, DISCOVERY),
          // The control plane may still be installing: retry for up to 30 minutes, clearing a half-done join.
          `for attempt in $(seq 1 90); do kubeadm join --config ${KUBEADM_CONFIG} && break; [ "$attempt" -lt 90 ] || exit 1; kubeadm reset --force; sleep 20; done`,
          ['rm', '-f', DISCOVERY],
        ],
      },
    ]);
  }
  const steps: BootStep[] = [
    ...common,
    {
      name: 'kubeadm init',
      commands: [
        readParameter(props.region, p.caCert, '/etc/kubernetes/pki/ca.crt'),
        readParameter(props.region, p.caKey, '/etc/kubernetes/pki/ca.key'),
        ['kubeadm', 'init', '--config', KUBEADM_CONFIG, '--skip-token-print'],
        readParameter(props.region, p.joinToken, JOIN_TOKEN),
        // Never expires, so replaced workers join too; it lives in the cluster and in SSM only.
        `kubeadm token create "$(cat ${JOIN_TOKEN})" --ttl 0 --kubeconfig ${ADMIN.kubeconfig}`,
        ['rm', '-f', JOIN_TOKEN],
      ],
    },
    helmCli,
    {
      name: 'flannel',
      files: [{ path: FLANNEL_VALUES, content: stringify(flannelValues(props.podCidr), { lineWidth: 0 }) }],
      commands: [helmInstall({ chart: { ...FLANNEL_CHART, releaseName: 'flannel' }, namespace: FLANNEL_CHART.namespace, valuesFile: FLANNEL_VALUES, kubeconfig: ADMIN.kubeconfig, timeout: '10m' })],
    },
  ];
  if (props.argocd) steps.push(argocdNodeBootstrap(props.argocd, ADMIN));
  return renderCloudConfig(steps);
}
