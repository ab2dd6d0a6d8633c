import type { NodePoolSpec } from '@wavesmith/model';
import type { Ref } from './expression.js';
import type { AwsNetwork } from './aws-network.js';
import { ec2Nodes } from './ec2-nodes.js';
import { SecurityGroup } from './security-group.js';
import type { Resource, Stack } from './stack.js';

export interface Rke2ClusterProps {
  readonly name: string;
  readonly network: AwsNetwork;
  readonly adminCidrs: readonly string[];
  readonly keyName: Ref<'aws_key_pair'>;
  /** The pool with role control-plane: RKE2 servers. */
  readonly servers: NodePoolSpec;
  /** Worker pools: RKE2 agents. */
  readonly agents: readonly NodePoolSpec[];
}

export interface Rke2Cluster {
  readonly nodes: SecurityGroup;
  readonly servers: readonly Resource<'aws_instance'>[];
  readonly agents: readonly Resource<'aws_instance'>[];
}

/**
 * RKE2 servers and agents on EC2 sharing one security group: all traffic between nodes, the
 * Kubernetes API (6443), the RKE2 supervisor (9345) and SSH from the admin ranges only.
 * HTTP(S) from the load balancer is added by the caller once it exists.
 */
export function rke2Cluster(stack: Stack, props: Rke2ClusterProps): Rke2Cluster {
  const admins = { cidrs: props.adminCidrs };
  const nodes = new SecurityGroup(stack, 'rke2_nodes', {
    name: `${props.name}-nodes`,
    description: `${props.name} RKE2 nodes`,
    vpcId: props.network.vpc.id,
    ingress: [
      { name: 'internal', description: 'All traffic between cluster nodes', protocol: 'all', source: { securityGroup: 'self' } },
      { name: 'kube_api', description: 'Kubernetes API from admins', fromPort: 6443, source: admins },
      { name: 'supervisor', description: 'RKE2 supervisor from admins', fromPort: 9345, source: admins },
      { name: 'ssh', description: 'SSH from admins', fromPort: 22, source: admins },
    ],
  });
  const common = { name: props.name, network: props.network, securityGroupIds: [nodes.id], keyName: props.keyName };
  const servers = ec2Nodes(stack, { ...common, pool: props.servers, role: 'server' });
  const agents = props.agents.flatMap((pool) => ec2Nodes(stack, { ...common, pool, role: 'agent' }));
  return { nodes, servers, agents };
}
