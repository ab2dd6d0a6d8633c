import { checkCloudConfig } from '@wavesmith/checks';
import type { NodePoolSpec } from '@wavesmith/model';
import { parse, parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { kubeadmUserData, type KubeadmNodeProps } from '../src/kubeadm-user-data.js';
import { ARGOCD } from './argocd-fixture.js';
import { readUserData, step } from './user-data.js';

const controlPlane: NodePoolSpec = { name: 'control-plane', role: 'control-plane', instanceTypes: ['t3.medium'], image: 'ubuntu-22.04', minSize: 1, maxSize: 1, diskGiB: 30 };
const workers: NodePoolSpec = { name: 'workers', instanceTypes: ['t3.small'], image: 'ubuntu-22.04', minSize: 3, maxSize: 3, diskGiB: 30, labels: { tier: 'apps' } };

const base = { kubernetesVersion: '1.31.14', region: 'us-east-1', controlPlaneAddress: '10.0.0.10', podCidr: '10.244.0.0/16', serviceCidr: '10.96.0.0/12' };
const cpProps = (over: Partial<KubeadmNodeProps> = {}): KubeadmNodeProps => ({
  ...base,
  role: 'control-plane',
  pool: controlPlane,
  parameters: { caCert: '/wavesmith/lab/kubeadm/ca-cert', caKey: '/wavesmith/lab/kubeadm/ca-key', joinToken: '/wavesmith/lab/kubeadm/join-token' },
  argocd: ARGOCD,
  ...over,
});
const workerProps: KubeadmNodeProps = { ...base, role: 'worker', pool: workers, parameters: { discovery: '/wavesmith/lab/kubeadm/discovery-kubeconfig' } };
const kubeadmDocs = (text: string) => parseAllDocuments(readUserData(text).files.get('/etc/wavesmith/kubeadm.yaml')!).map((d) => d.toJS());

describe('kubeadmUserData', () => {
  it('renders valid cloud-config for the control plane and the workers', () => {
    expect(checkCloudConfig(kubeadmUserData(cpProps()))).toEqual([]);
    expect(checkCloudConfig(kubeadmUserData(workerProps))).toEqual([]);
  });

  it("configures the control plane with the spec's version, pod and Service ranges and the fixed endpoint", () => {
    expect(kubeadmDocs(kubeadmUserData(cpProps()))).toEqual([
      { apiVersion: 'kubeadm.k8s.io/v1beta4', kind: 'InitConfiguration', nodeRegistration: { criSocket: 'unix:///run/containerd/containerd.sock' } },
      {
        apiVersion: 'kubeadm.k8s.io/v1beta4',
        kind: 'ClusterConfiguration',
        kubernetesVersion: 'v1.31.14',
        controlPlaneEndpoint: '10.0.0.10:6443',
        networking: { podSubnet: '10.244.0.0/16', serviceSubnet: '10.96.0.0/12' },
        apiServer: { certSANs: ['10.0.0.10'] },
      },
    ]);
  });

  it('keeps the control plane taint when the pool adds its own, and speaks v1beta3 before Kubernetes 1.31', () => {
    const tainted = { ...controlPlane, labels: { role: 'cp' }, taints: [{ key: 'critical', effect: 'NoExecute' as const }] };
    const [init] = kubeadmDocs(kubeadmUserData(cpProps({ kubernetesVersion: '1.30.14', pool: tainted })));
    expect(init).toEqual({
      apiVersion: 'kubeadm.k8s.io/v1beta3',
      kind: 'InitConfiguration',
      nodeRegistration: {
        criSocket: 'unix:///run/containerd/containerd.sock',
        kubeletExtraArgs: { 'node-labels': 'role=cp' },
        taints: [
          { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' },
          { key: 'critical', effect: 'NoExecute' },
        ],
      },
    });
  });

  it('joins workers through a discovery kubeconfig read from SSM, with the pool labels', () => {
    const text = kubeadmUserData(workerProps);
    expect(kubeadmDocs(text)).toEqual([
      {
        apiVersion: 'kubeadm.k8s.io/v1beta4',
        kind: 'JoinConfiguration',
        discovery: { file: { kubeConfigPath: '/run/wavesmith/discovery.conf' } },
        nodeRegistration: { criSocket: 'unix:///run/containerd/containerd.sock', kubeletExtraArgs: [{ name: 'node-labels', value: 'tier=apps' }] },
      },
    ]);
    const { commands } = readUserData(text);
    expect(step(commands, '--name /wavesmith/lab/kubeadm/discovery-kubeconfig')).toBeLessThan(step(commands, 'kubeadm join --config /etc/wavesmith/kubeadm.yaml'));
    expect(step(commands, 'kubeadm join')).toBeLessThan(step(commands, 'rm -f /run/wavesmith/discovery.conf'));
    expect(commands.some((c) => c.includes('ca-key') || c.includes('helm'))).toBe(false);
  });

  it('runs the steps of seed 004 in order: containerd, kernel modules, sysctls, swap off, packages, CA, init, token, Flannel, Argo CD', () => {
    const { doc, commands } = readUserData(kubeadmUserData(cpProps()));
    expect(doc.packages).toEqual(['containerd']);
    const order = [
      'systemctl restart containerd',
      'modprobe overlay',
      'modprobe br_netfilter',
      'sysctl --system',
      'swapoff -a',
      'apt-get install -y kubelet=1.31.14-1.1 kubeadm=1.31.14-1.1 kubectl=1.31.14-1.1',
      'apt-mark hold kubelet kubeadm kubectl',
      '> /etc/kubernetes/pki/ca.key',
      'kubeadm init --config /etc/wavesmith/kubeadm.yaml',
      'kubeadm token create',
      'helm install flannel flannel --repo https://flannel-io.github.io/flannel/ --version v0.28.9 --namespace kube-flannel',
      'helm install argocd argo-cd',
      'kubectl apply --kubeconfig /etc/kubernetes/admin.conf -f /etc/wavesmith/root-application.yaml',
    ].map((text) => step(commands, text));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it("writes containerd's systemd cgroup driver before the package installs, and the Kubernetes source only after packages", () => {
    const { doc, files } = readUserData(kubeadmUserData(cpProps()));
    expect(files.get('/etc/containerd/config.toml')).toContain('SystemdCgroup = true');
    expect(files.get('/etc/modules-load.d/kubernetes.conf')).toBe('overlay\nbr_netfilter\n');
    expect(files.get('/etc/sysctl.d/90-kubernetes.conf')).toContain('net.ipv4.ip_forward = 1');
    const source = doc.write_files.find((f: { path: string }) => f.path === '/etc/apt/sources.list.d/kubernetes.list');
    expect(source).toMatchObject({ defer: true, content: 'deb [signed-by=/etc/apt/keyrings/kubernetes-apt-keyring.gpg] https://pkgs.k8s.io/core:/stable:/v1.31/deb/ /\n' });
  });

  it('runs Flannel with VXLAN on UDP 4789 over the spec pod range', () => {
    const { files } = readUserData(kubeadmUserData(cpProps()));
    expect(parse(files.get('/etc/wavesmith/flannel-values.yaml')!)).toEqual({ podCidr: '10.244.0.0/16', flannel: { backend: 'vxlan', backendPort: 4789 } });
  });
});
