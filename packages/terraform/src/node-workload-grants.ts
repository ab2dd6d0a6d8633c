import type { NodePoolSpec } from '@wavesmith/model';
import { runsWorkloads } from './ec2-nodes.js';
import { sid, type PolicyStatement } from './iam.js';
import { tfName } from './names.js';
import type { Resource, Stack } from './stack.js';
import { upstreamPolicies, type WorkloadAccess } from './workload-roles.js';

export interface NodeWorkloadGrantsProps {
  /** Prefix of the policies' IAM names (the cluster name). */
  readonly clusterName: string;
  /** Every workload's permissions, complete: nodes are declared after this. */
  readonly access: WorkloadAccess;
}

/** What one node role carries for the workloads. */
export interface RoleGrants {
  readonly policies: readonly Resource<'aws_iam_policy'>[];
  readonly statements: readonly PolicyStatement[];
}

/**
 * The workloads' permissions on a cluster whose pods have no identity of their own (RKE2 and
 * kubeadm on EC2: no IRSA, no Pod Identity), given to the roles of the nodes their pods run on:
 * each upstream controller policy as a customer managed policy, and the other grants (buckets,
 * secrets) in the node role's inline policy. Pods reach the node role through IMDSv2 one hop
 * away, so those nodes take a hop limit of 2 (aws-ebs-csi-driver v1.42.0 docs/install.md,
 * "EC2 IAM Instance Profiles"); every pod there can then do what the workloads may. Nodes no
 * workload pod runs on (tainted pools, kubeadm's control plane) keep their role to themselves.
 */
export class NodeWorkloadGrants {
  readonly #all: RoleGrants;

  constructor(stack: Stack, props: NodeWorkloadGrantsProps) {
    const workloads = props.access.workloads;
    const permissions = (workload: string) => props.access.permissions(workload)!;
    this.#all = {
      policies: workloads.flatMap((w) => upstreamPolicies(stack, tfName('nodes', w), `${props.clusterName}-nodes-${w}`, permissions(w).documents)),
      // Statement ids are unique within a policy, and several workloads may be granted the same bucket.
      statements: workloads.flatMap((w) => permissions(w).statements.map((s) => ({ ...s, sid: sid(w, s.sid) }))),
    };
  }

  /** What the role shared by these pools gets: everything when workload pods run on any of them, else nothing. */
  forPools(pools: readonly NodePoolSpec[]): RoleGrants {
    return this.#granted && pools.some(runsWorkloads) ? this.#all : { policies: [], statements: [] };
  }

  /** The IMDSv2 hop limit of a pool's instances: 2 where workload pods use the node role. */
  hopLimit(pool: NodePoolSpec): 1 | 2 {
    return this.#granted && runsWorkloads(pool) ? 2 : 1;
  }

  get #granted(): boolean {
    return this.#all.policies.length + this.#all.statements.length > 0;
  }
}
