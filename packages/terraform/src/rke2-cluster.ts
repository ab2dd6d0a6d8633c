import type { NodePoolSpec, Rke2Options } from '@wavesmith/model';
import type { Ref } from './expression.js';
import type { ArgoCdBootstrap } from './argocd-bootstrap.js';
import type { AwsNetwork } from './aws-network.js';
import { ec2Nodes, firstNodeAddress, type PoolInstances } from './ec2-nodes.js';
import { instanceProfile } from './instance-profile.js';
import { NodeSecrets } from './node-secrets.js';
import type { NodeWorkloadGrants } from './node-workload-grants.js';
import { rke2UserData, RKE2_SUPERVISOR_PORT } from './rke2-user-data.js';
import { SecurityGroup } from './security-group.js';
import type { Resource, Stack } from './stack.js';

export interface Rke2NodeGroupProps {
  /** Prefix of the group's name (the cluster name). */
  readonly name: string;
  readonly vpcId: Ref<'aws_vpc'>;
  readonly adminCidrs: readonly string[];
}

/**
 * The one security group of all RKE2 nodes: all traffic between nodes (the supervisor on 9345
 * included), the Kubernetes API, the supervisor and SSH from the admin ranges only. It exists
 * before the nodes, so that the data services admitting them are declared first; HTTP(S) from
 * the load balancer is added once that exists.
 */
export function rke2NodeGroup(stack: Stack, props: Rke2NodeGroupProps): SecurityGroup {
  const admins = { cidrs: props.adminCidrs };
  return new SecurityGroup(stack, 'rke2_nodes', {
    name: `${props.name}-nodes`,
    description: `${props.name} RKE2 nodes`,
    vpcId: props.vpcId,
    ingress: [
      { name: 'internal', description: 'All traffic between cluster nodes', protocol: 'all', source: { securityGroup: 'self' } },
      { name: 'kube_api', description: 'Kubernetes API from admins', fromPort: 6443, source: admins },
      { name: 'supervisor', description: 'RKE2 supervisor from admins', fromPort: RKE2_SUPERVISOR_PORT, source: admins },
      { name: 'ssh', description: 'SSH from admins', fromPort: 22, source: admins },
    ],
  });
}

export interface Rke2ClusterProps {
  readonly name: string;
  readonly region: string;
  readonly network: AwsNetwork;
  /** The nodes' security group (rke2NodeGroup). */
  readonly nodes: SecurityGroup;
  readonly keyName: Ref<'aws_key_pair'>;
  /** The pool with role control-plane: RKE2 servers. */
  readonly servers: NodePoolSpec;
  /** Worker pools: RKE2 agents. */
  readonly agents: readonly NodePoolSpec[];
  /** RKE2 release (`v1.27.16+rke2r2`). */
  readonly version: string;
  readonly cni: NonNullable<Rke2Options['cni']>;
  /** @default RKE2's 10.42.0.0/16 */
  readonly clusterCidr?: string;
  /** @default RKE2's 10.43.0.0/16 */
  readonly serviceCidr?: string;
  /** Packaged charts the platform replaces. @default none */
  readonly disable?: readonly string[];
  /** Installed by the first server. @default none */
  readonly argocd?: ArgoCdBootstrap;
  /** The workloads' permissions, for the roles of the nodes their pods run on. @default none */
  readonly workloads?: NodeWorkloadGrants;
}

export interface Rke2Cluster {
  readonly servers: readonly Resource<'aws_instance'>[];
  readonly agents: readonly Resource<'aws_instance'>[];
  /** Instances by pool, servers first. */
  readonly members: readonly PoolInstances[];
}

/**
 * RKE2 servers and agents on EC2 sharing one security group (rke2NodeGroup).
 *
 * Terraform generates the server token and a separate agent token (RKE2 docs/security/token.md:
 * the agent token joins agents, never servers) into SSM SecureStrings; servers may read both,
 * agents only theirs. The first server has a fixed address, the registration address the others
 * join through.
 */
export function rke2Cluster(stack: Stack, props: Rke2ClusterProps): Rke2Cluster {
  const secrets = new NodeSecrets(stack, { clusterName: props.name });
  const token = (id: string) => stack.resource('random_password', id, { length: 48, special: false });
  const serverToken = secrets.secret('rke2/token', token('rke2_token').attr('result'), 'RKE2 server token: joins servers');
  const agentToken = secrets.secret('rke2/agent-token', token('rke2_agent_token').attr('result'), 'RKE2 agent token: joins agents only');
  const serverProfile = instanceProfile(stack, 'rke2_server', {
    name: `${props.name}-rke2-server`,
    statements: secrets.readStatements('JoinTokens', [serverToken, agentToken]),
    workloads: props.workloads?.forPools([props.servers]),
  });
  const agentProfile = instanceProfile(stack, 'rke2_agent', {
    name: `${props.name}-rke2-agent`,
    statements: secrets.readStatements('AgentToken', [agentToken]),
    workloads: props.workloads?.forPools(props.agents),
  });

  const registrationAddress = firstNodeAddress(props.network, props.servers);
  const node = (role: 'server' | 'agent', pool: NodePoolSpec, first: boolean) =>
    rke2UserData({
      role,
      first,
      pool,
      version: props.version,
      region: props.region,
      registrationAddress,
      cni: props.cni,
      clusterCidr: props.clusterCidr,
      serviceCidr: props.serviceCidr,
      disable: props.disable,
      serverTokenParameter: serverToken.name,
      agentTokenParameter: agentToken.name,
      argocd: props.argocd,
    });
  const common = { name: props.name, network: props.network, securityGroupIds: [props.nodes.id], keyName: props.keyName, workloads: props.workloads };
  const servers = ec2Nodes(stack, {
    ...common,
    pool: props.servers,
    role: 'server',
    instanceProfile: serverProfile,
    fixedFirstAddress: true,
    userData: (i) => node('server', props.servers, i === 0),
  });
  const agentPools = props.agents.map((pool) => ({
    pool,
    instances: ec2Nodes(stack, { ...common, pool, role: 'agent', instanceProfile: agentProfile, userData: () => node('agent', pool, false) }),
  }));
  return { servers, agents: agentPools.flatMap((p) => p.instances), members: [{ pool: props.servers, instances: servers }, ...agentPools] };
}
