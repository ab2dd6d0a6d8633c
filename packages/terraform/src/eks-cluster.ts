import { withDefaults } from './defaults.js';
import { CLOUD_DEFAULTS, type EksAddonName, type EksLogType, type LogRetentionDays } from '@wavesmith/model';
import type { Ref } from './expression.js';
import { iamRole, managedPolicyArn } from './iam.js';
import { SecurityGroup } from './security-group.js';
import type { Declared, Resource, Stack } from './stack.js';
import { tfName } from './names.js';

export interface EksClusterProps {
  readonly name: string;
  readonly kubernetesVersion: string;
  /** IAM role name of the control plane. */
  readonly roleName: string;
  readonly vpcId: Ref<'aws_vpc'>;
  readonly vpcCidr: string;
  /** Subnets for the control plane's network interfaces (the private ones). */
  readonly subnetIds: readonly Ref<'aws_subnet'>[];
  /** Who may reach the public endpoint (network.adminCidrs). */
  readonly adminCidrs: readonly string[];
  /** CloudWatch log group name EKS writes to (eksClusterLogGroupName). */
  readonly logGroupName: string;
  /** @default true */
  readonly endpointPrivateAccess?: boolean;
  /** @default true */
  readonly endpointPublicAccess?: boolean;
  /** @default api, audit, authenticator */
  readonly logTypes?: readonly EksLogType[];
  /** @default 30 */
  readonly logRetentionDays?: LogRetentionDays;
  /** Kubernetes Service range. @default EKS picks 10.100.0.0/16 or 172.20.0.0/16 */
  readonly serviceCidr?: string;
}

export interface EksCluster {
  readonly cluster: Resource<'aws_eks_cluster'>;
  readonly name: Ref<'aws_eks_cluster'>;
  /** The security group EKS creates and attaches to the control plane and managed nodes. */
  readonly clusterSecurityGroupId: Ref<'aws_eks_cluster'>;
  /** The IAM identity provider of the cluster's service account tokens (IRSA). */
  readonly oidcProvider: Resource<'aws_iam_openid_connect_provider'>;
}

/**
 * An EKS cluster: control plane role, secrets envelope-encrypted with a rotating KMS key,
 * control plane logs in a log group with a retention (created first, or EKS creates one that
 * never expires), API access through access entries, the public endpoint limited to admins,
 * and an OIDC provider so that service accounts assume IAM roles (IRSA).
 */
export function eksCluster(stack: Stack, props: EksClusterProps): EksCluster {
  const p = withDefaults(CLOUD_DEFAULTS.eks, props);
  const role = iamRole(stack, 'eks_cluster', {
    roleName: props.roleName,
    trustedBy: 'eks.amazonaws.com',
    managedPolicies: [managedPolicyArn('AmazonEKSClusterPolicy')],
  });
  const logs = stack.resource('aws_cloudwatch_log_group', 'eks_cluster', { name: props.logGroupName, retention_in_days: p.logRetentionDays });
  const key = stack.resource('aws_kms_key', 'eks_secrets', {
    description: `${props.name} Kubernetes secrets encryption`,
    enable_key_rotation: true,
    deletion_window_in_days: 30,
  });
  // The API is reachable on 443 from inside the VPC (nodes, VPN clients) whatever the endpoint mode.
  const api = new SecurityGroup(stack, 'eks_api', {
    name: `${props.name}-eks-api`,
    description: `${props.name} EKS API from the VPC`,
    vpcId: props.vpcId,
    ingress: [{ name: 'https_vpc', description: 'Kubernetes API from the VPC', fromPort: 443, source: { cidrs: [props.vpcCidr] } }],
  });
  const cluster = stack.resource(
    'aws_eks_cluster',
    'main',
    {
      name: props.name,
      version: props.kubernetesVersion,
      role_arn: role.role.arn,
      vpc_config: {
        subnet_ids: props.subnetIds,
        security_group_ids: [api.id],
        endpoint_private_access: p.endpointPrivateAccess,
        endpoint_public_access: p.endpointPublicAccess,
        public_access_cidrs: p.endpointPublicAccess ? props.adminCidrs : undefined,
      },
      access_config: { authentication_mode: 'API', bootstrap_cluster_creator_admin_permissions: true },
      enabled_cluster_log_types: p.logTypes,
      encryption_config: { resources: ['secrets'], provider: { key_arn: key.arn } },
      kubernetes_network_config: props.serviceCidr ? { service_ipv4_cidr: props.serviceCidr } : undefined,
    },
    { dependsOn: [logs, ...role.grants] },
  );
  // AWS trusts the EKS issuer's certificate itself, so no thumbprint is pinned.
  const oidcProvider = stack.resource('aws_iam_openid_connect_provider', 'eks', {
    url: cluster.attr('identity[0].oidc[0].issuer'),
    client_id_list: ['sts.amazonaws.com'],
  });
  return { cluster, name: cluster.attr('name'), clusterSecurityGroupId: cluster.attr('vpc_config[0].cluster_security_group_id'), oidcProvider };
}

export interface EksAddonsProps {
  readonly clusterName: Ref<'aws_eks_cluster'>;
  /** @default vpc-cni, coredns, kube-proxy */
  readonly addons?: readonly { readonly name: EksAddonName; readonly version?: string }[];
  /** What add-ons that run as Deployments wait for (node groups, their IAM roles). @default none */
  readonly after?: readonly Declared[];
  /** IAM role (IRSA) of an add-on's service account, for add-ons that call AWS APIs. @default the node role */
  readonly serviceAccountRoles?: Partial<Record<EksAddonName, Ref<'aws_iam_role'>>>;
}

/** Add-ons that run on every node as DaemonSets, so they need no nodes to become active. */
const NODE_AGENTS: ReadonlySet<EksAddonName> = new Set(['vpc-cni', 'kube-proxy', 'eks-pod-identity-agent']);

/** Managed add-ons; the ones that run as Deployments (CoreDNS, CSI controllers) wait for nodes. */
export function eksAddons(stack: Stack, props: EksAddonsProps): readonly Resource<'aws_eks_addon'>[] {
  return (props.addons ?? CLOUD_DEFAULTS.eks.addons).map((addon) =>
    stack.resource(
      'aws_eks_addon',
      tfName(addon.name),
      {
        cluster_name: props.clusterName,
        addon_name: addon.name,
        addon_version: addon.version,
        service_account_role_arn: props.serviceAccountRoles?.[addon.name],
        resolve_conflicts_on_create: 'OVERWRITE',
        resolve_conflicts_on_update: 'OVERWRITE',
      },
      { dependsOn: NODE_AGENTS.has(addon.name) ? [] : props.after },
    ),
  );
}
