import type { Ref } from './expression.js';
import type { Resource, Stack } from './stack.js';
import { tfName } from './names.js';

export type IpProtocol = 'tcp' | 'udp' | 'all';

/** A security group id: one declared here, or the one EKS creates for a cluster. */
export type SecurityGroupRef = Ref<'aws_security_group' | 'aws_eks_cluster'>;

/** Where traffic may come from: address ranges, or members of a security group (`'self'` for the group itself). */
export type RuleSource = { readonly cidrs: readonly string[] } | { readonly securityGroup: SecurityGroupRef | 'self' };

export interface IngressRule {
  /** Names the rule in the document (`ssh`, `kube-api`). */
  readonly name: string;
  readonly description: string;
  /** @default tcp */
  readonly protocol?: IpProtocol;
  /** Ignored for protocol 'all'. */
  readonly fromPort?: number;
  /** @default fromPort */
  readonly toPort?: number;
  readonly source: RuleSource;
}

export interface SecurityGroupProps {
  readonly name: string;
  readonly description: string;
  readonly vpcId: Ref<'aws_vpc'>;
  /** @default none */
  readonly ingress?: readonly IngressRule[];
  /** Outbound to anywhere (packages, registries, AWS APIs). @default true */
  readonly egressAnywhere?: boolean;
  /** Outbound only to the members of this group (a load balancer to its targets). @default none */
  readonly egressTo?: SecurityGroupRef;
}

/** A security group with one aws_vpc_security_group_*_rule resource per source, the form AWS recommends over inline rules. */
export class SecurityGroup {
  readonly group: Resource<'aws_security_group'>;
  readonly #stack: Stack;
  readonly #id: string;

  constructor(stack: Stack, id: string, props: SecurityGroupProps) {
    this.#stack = stack;
    this.#id = tfName(id);
    this.group = stack.resource('aws_security_group', this.#id, {
      name: props.name,
      description: props.description,
      vpc_id: props.vpcId,
      tags: { Name: props.name },
    });
    for (const rule of props.ingress ?? []) this.allow(rule);
    if (props.egressTo) {
      stack.resource('aws_vpc_security_group_egress_rule', tfName(id, 'targets'), {
        security_group_id: this.group.id,
        description: 'All traffic to the targets',
        ip_protocol: '-1',
        referenced_security_group_id: props.egressTo,
      });
    } else if (props.egressAnywhere ?? true) {
      stack.resource('aws_vpc_security_group_egress_rule', tfName(id, 'all'), {
        security_group_id: this.group.id,
        description: 'All outbound traffic',
        ip_protocol: '-1',
        cidr_ipv4: '0.0.0.0/0',
      });
    }
  }

  get id(): Ref<'aws_security_group'> {
    return this.group.id;
  }

  /** Adds an inbound rule (one resource per CIDR); used after creation when groups refer to each other. */
  allow(rule: IngressRule): void {
    const protocol = rule.protocol ?? 'tcp';
    const ports = protocol === 'all' ? {} : { from_port: rule.fromPort, to_port: rule.toPort ?? rule.fromPort };
    const common = { security_group_id: this.group.id, description: rule.description, ip_protocol: protocol === 'all' ? '-1' : protocol, ...ports };
    const source = rule.source;
    if ('cidrs' in source) {
      source.cidrs.forEach((cidr, i) => {
        const suffix = source.cidrs.length > 1 ? [String(i)] : [];
        this.#stack.resource('aws_vpc_security_group_ingress_rule', tfName(this.#id, rule.name, ...suffix), { ...common, cidr_ipv4: cidr });
      });
    } else {
      const from = source.securityGroup === 'self' ? this.group.id : source.securityGroup;
      this.#stack.resource('aws_vpc_security_group_ingress_rule', tfName(this.#id, rule.name), { ...common, referenced_security_group_id: from });
    }
  }
}
