import { checkCloudConfig } from '@wavesmith/checks';
import type { NodePoolSpec } from '@wavesmith/model';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { rke2UserData, type Rke2NodeProps } from '../src/rke2-user-data.js';
import { ARGOCD } from './argocd-fixture.js';
import { readUserData, step } from './user-data.js';

const server: NodePoolSpec = { name: 'server', role: 'control-plane', instanceTypes: ['t3.large'], image: 'ubuntu-22.04', minSize: 3, maxSize: 3, diskGiB: 50 };
const agent: NodePoolSpec = {
  name: 'agent',
  instanceTypes: ['t3.large'],
  image: 'ubuntu-22.04',
  minSize: 2,
  maxSize: 2,
  diskGiB: 50,
  labels: { workload: 'apps' },
  taints: [{ key: 'dedicated', value: 'apps', effect: 'NoSchedule' }],
};

const props = (over: Partial<Rke2NodeProps>): Rke2NodeProps => ({
  role: 'server',
  first: true,
  version: 'v1.27.16+rke2r2',
  region: 'us-east-1',
  registrationAddress: '10.0.10.10',
  pool: server,
  cni: 'calico',
  clusterCidr: '10.42.0.0/16',
  serviceCidr: '10.43.0.0/16',
  disable: ['rke2-ingress-nginx'],
  serverTokenParameter: '/wavesmith/vet/rke2/token',
  agentTokenParameter: '/wavesmith/vet/rke2/agent-token',
  argocd: ARGOCD,
  ...over,
});

const config = (text: string) => parse(readUserData(text).files.get('/etc/rancher/rke2/config.yaml')!);

describe('rke2UserData', () => {
  it('renders valid cloud-config for the first server, further servers and agents', () => {
    for (const p of [props({}), props({ first: false }), props({ role: 'agent', first: false, pool: agent })]) expect(checkCloudConfig(rke2UserData(p))).toEqual([]);
  });

  it('starts the cluster on the first server with the spec CIDRs, CNI, TLS SAN and the bundled ingress switched off', () => {
    expect(config(rke2UserData(props({})))).toEqual({
      'token-file': '/etc/rancher/rke2/token',
      'agent-token-file': '/etc/rancher/rke2/agent-token',
      'tls-san': ['10.0.10.10'],
      'write-kubeconfig-mode': '0600',
      cni: 'calico',
      'cluster-cidr': '10.42.0.0/16',
      'service-cidr': '10.43.0.0/16',
      disable: ['rke2-ingress-nginx'],
    });
  });

  it('joins further servers and agents through the supervisor on 9345; agents get the pool labels and taints and the agent token only', () => {
    expect(config(rke2UserData(props({ first: false })))).toMatchObject({ server: 'https://10.0.10.10:9345', cni: 'calico', 'cluster-cidr': '10.42.0.0/16' });
    const agentText = rke2UserData(props({ role: 'agent', first: false, pool: agent }));
    expect(config(agentText)).toEqual({
      server: 'https://10.0.10.10:9345',
      'token-file': '/etc/rancher/rke2/agent-token',
      'node-label': ['workload=apps'],
      'node-taint': ['dedicated=apps:NoSchedule'],
    });
    expect(agentText).not.toContain('/wavesmith/vet/rke2/token ');
    expect(readUserData(agentText).commands.some((c) => c.includes('rke2/token '))).toBe(false);
  });

  it('runs the steps in order: kernel modules, sysctls, swap off, join token, RKE2 at the pinned release, the service, then Argo CD', () => {
    const { commands } = readUserData(rke2UserData(props({})));
    expect(commands[0]).toBe('set -eu');
    const order = [
      'modprobe overlay',
      'modprobe br_netfilter',
      'sysctl --system',
      'swapoff -a',
      '--name /wavesmith/vet/rke2/token',
      'INSTALL_RKE2_VERSION=v1.27.16+rke2r2 INSTALL_RKE2_TYPE=server',
      'systemctl enable --now rke2-server.service',
      'sha256sum --check',
      'helm install argocd argo-cd --repo https://argoproj.github.io/argo-helm --version 8.5.0 --namespace argocd',
      'kubectl apply --kubeconfig /etc/rancher/rke2/rke2.yaml -f /etc/wavesmith/root-application.yaml',
    ].map((text) => step(commands, text));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('installs Argo CD only from the first server, with the component values and the root Application', () => {
    expect(readUserData(rke2UserData(props({ first: false }))).commands.some((c) => c.includes('helm'))).toBe(false);
    const { files } = readUserData(rke2UserData(props({})));
    expect(parse(files.get('/etc/wavesmith/argocd-values.yaml')!)).toEqual(ARGOCD.chart.values);
    expect(parse(files.get('/etc/wavesmith/root-application.yaml')!)).toEqual(ARGOCD.rootApplication);
  });

  it('reads the join token from SSM into a root-only file, never carrying it', () => {
    const text = rke2UserData(props({}));
    expect(readUserData(text).commands).toContain(
      '(umask 077 && mkdir -p /etc/rancher/rke2 && /snap/bin/aws ssm get-parameter --region us-east-1 --name /wavesmith/vet/rke2/token --with-decryption --query Parameter.Value --output text > /etc/rancher/rke2/token)',
    );
    expect(readUserData(text).doc.snap).toEqual({ commands: [['snap', 'install', 'aws-cli', '--classic']] });
  });
});
