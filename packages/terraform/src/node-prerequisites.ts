import { AWS_CLI, AWS_CLI_SNAP } from './bootstrap-sources.js';
import type { BootStep, CloudCommand } from './cloud-config.js';

/**
 * Kernel modules Kubernetes networking needs: overlay for the container runtime's snapshotter,
 * br_netfilter so bridged pod traffic passes iptables (Flannel does not start without it:
 * flannel-io/flannel v0.28.9 README).
 */
export const KERNEL_MODULES = ['overlay', 'br_netfilter'] as const;

/** IPv4 forwarding and bridged traffic through iptables (kubernetes/website container-runtimes.md, "Install and configure prerequisites"). */
export const KUBERNETES_SYSCTLS = {
  'net.bridge.bridge-nf-call-iptables': 1,
  'net.bridge.bridge-nf-call-ip6tables': 1,
  'net.ipv4.ip_forward': 1,
} as const;

/** Loaded now and at every boot (systemd-modules-load reads modules-load.d). */
export const kernelModules: BootStep = {
  name: 'kernel modules',
  files: [{ path: '/etc/modules-load.d/kubernetes.conf', content: `${KERNEL_MODULES.join('\n')}\n` }],
  commands: KERNEL_MODULES.map((m) => ['modprobe', m]),
};

/** Applied now; systemd-sysctl applies the file at later boots. */
export const sysctls: BootStep = {
  name: 'sysctls',
  files: [{ path: '/etc/sysctl.d/90-kubernetes.conf', content: `${Object.entries(KUBERNETES_SYSCTLS).map(([k, v]) => `${k} = ${v}`).join('\n')}\n` }],
  commands: [['sysctl', '--system']],
};

/** The kubelet refuses to run with swap on by default; Ubuntu's EC2 images have none, and fstab keeps it that way at later boots. */
export const swapOff: BootStep = {
  name: 'swap off',
  commands: [
    ['swapoff', '-a'],
    ['sed', '-i', '/\\sswap\\s/d', '/etc/fstab'],
  ],
};

/** What every Kubernetes node needs before its distribution starts, in this order. */
export const NODE_PREREQUISITES: readonly BootStep[] = [kernelModules, sysctls, swapOff];

/** The AWS CLI, which reads the node's bootstrap parameters from SSM. */
export const awsCli: BootStep = { name: 'aws cli', snaps: [AWS_CLI_SNAP] };

/**
 * Copies one SSM parameter into a root-only file: umask 077 (in a subshell, so it ends there)
 * before the file exists. The value never passes through user data, a command line or the
 * cloud-init log.
 */
export function readParameter(region: string, parameter: string, path: string): CloudCommand {
  const directory = path.slice(0, path.lastIndexOf('/'));
  return `(umask 077 && mkdir -p ${directory} && ${AWS_CLI} ssm get-parameter --region ${region} --name ${parameter} --with-decryption --query Parameter.Value --output text > ${path})`;
}
