import type { NodePoolSpec } from '@wavesmith/model';
import type { Ref } from './expression.js';
import type { AwsNetwork } from './aws-network.js';
import { ec2Nodes } from './ec2-nodes.js';
import { SecurityGroup, type IngressRule } from './security-group.js';
import type { Resource, Stack } from './stack.js';

export interface KubeadmClusterProps {
  readonly name: string;
  readonly network: AwsNetwork;
  readonly adminCidrs: readonly string[];
  readonly keyName: Ref<'aws_key_pair'>;
  readonly controlPlane: NodePoolSpec;
  readonly workers: readonly NodePoolSpec[];
}

export interface KubeadmCluster {
  readonly controlPlaneGroup: SecurityGroup;
  readonly workerGroup: SecurityGroup;
  readonly controlPlane: readonly Resource<'aws_instance'>[];
  readonly workers: readonly Resource<'aws_instance'>[];
}

/**
 * A kubeadm control plane and workers on EC2 with the port matrix of a Flannel cluster: SSH from
 * admins; API server, kubelet and etcd on the control plane from workers; kubelet and NodePorts
 * on workers from all nodes; Flannel's VXLAN (4789/udp) between all nodes.
 */
export function kubeadmCluster(stack: Stack, props: KubeadmClusterProps): KubeadmCluster {
  const vpcId = props.network.vpc.id;
  const ssh: IngressRule = { name: 'ssh', description: 'SSH from admins', fromPort: 22, source: { cidrs: props.adminCidrs } };
  const controlPlaneGroup = new SecurityGroup(stack, 'control_plane', { name: `${props.name}-control-plane`, description: `${props.name} kubeadm control plane`, vpcId, ingress: [ssh] });
  const workerGroup = new SecurityGroup(stack, 'workers', { name: `${props.name}-workers`, description: `${props.name} kubeadm workers`, vpcId, ingress: [ssh] });
  const workers = { securityGroup: workerGroup.id };
  const controlPlane = { securityGroup: controlPlaneGroup.id };

  controlPlaneGroup.allow({ name: 'kube_api', description: 'Kubernetes API from workers', fromPort: 6443, source: workers });
  controlPlaneGroup.allow({ name: 'kubelet', description: 'kubelet API from workers', fromPort: 10250, source: workers });
  controlPlaneGroup.allow({ name: 'etcd', description: 'etcd from workers', fromPort: 2379, toPort: 2380, source: workers });
  controlPlaneGroup.allow({ name: 'vxlan_workers', description: 'Flannel VXLAN from workers', protocol: 'udp', fromPort: 4789, source: workers });
  workerGroup.allow({ name: 'kubelet_control_plane', description: 'kubelet API from the control plane', fromPort: 10250, source: controlPlane });
  workerGroup.allow({ name: 'kubelet_workers', description: 'kubelet API from workers', fromPort: 10250, source: { securityGroup: 'self' } });
  workerGroup.allow({ name: 'nodeports_control_plane', description: 'NodePort Services from the control plane', fromPort: 30000, toPort: 32767, source: controlPlane });
  workerGroup.allow({ name: 'nodeports_workers', description: 'NodePort Services from workers', fromPort: 30000, toPort: 32767, source: { securityGroup: 'self' } });
  workerGroup.allow({ name: 'vxlan_control_plane', description: 'Flannel VXLAN from the control plane', protocol: 'udp', fromPort: 4789, source: controlPlane });
  workerGroup.allow({ name: 'vxlan_workers', description: 'Flannel VXLAN from workers', protocol: 'udp', fromPort: 4789, source: { securityGroup: 'self' } });

  const common = { name: props.name, network: props.network, keyName: props.keyName };
  return {
    controlPlaneGroup,
    workerGroup,
    controlPlane: ec2Nodes(stack, { ...common, pool: props.controlPlane, securityGroupIds: [controlPlaneGroup.id], role: 'control-plane' }),
    workers: props.workers.flatMap((pool) => ec2Nodes(stack, { ...common, pool, securityGroupIds: [workerGroup.id], role: 'worker' })),
  };
}
