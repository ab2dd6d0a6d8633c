import { defineRule as rule, type RuleDoc } from './finding.js';

/**
 * The rules of the cluster description: loading, schema, semantic rules and waivers. Each id is
 * reported by exactly one kind of check; docs/rules.md is generated from these entries.
 */

/** Rules of loading a cluster file. */
export const LOAD_RULES: readonly RuleDoc[] = [
  rule('cluster-file-load', 'A cluster file that does not compile or throws while loading describes nothing.', 'Fix the syntax error or the throw at the file:line:column given.'),
  rule('cluster-file-export', 'A cluster file whose default export is not a cluster description.', 'Export the result of composeCluster(...) as the default export.'),
  rule('cluster-file-link', 'A symbolic link in clusters/ would build a cluster from a file that lives, and changes, elsewhere.', 'Replace the link by the file itself, or compose the shared part as a profile in clusters/profiles/.'),
  rule('cluster-file-unreadable', 'A cluster file that cannot be read would silently drop (and prune) its cluster.', 'Give the file read permission (or remove it, if the cluster is gone).'),
  rule('cluster-name-mismatch', 'A cluster named differently from its file: output folders and --cluster use the file name.', 'Rename the file or the cluster so that they match.'),
  rule('cluster-unknown', 'A --cluster name that no file in clusters/ defines.', 'Use one of the names listed, or add clusters/NAME.ts.'),
  rule('app-package-invalid', 'A package in apps/ that cannot be loaded or defines no app (or a chart twice).', 'Fix the package named: its package.json "exports" entry must export one defineApp(...) per chart.'),
  rule(
    'value-not-json',
    'A value JSON cannot represent (BigInt, NaN, Infinity, a function, a circular object, a class instance) would be dropped or fail when written.',
    'Write plain data: strings, finite numbers, booleans, arrays and plain objects.',
  ),
];

/** Rules of the JSON Schema of a cluster description. */
export const SCHEMA_RULES: readonly RuleDoc[] = [
  rule('schema-unknown-field', 'A misspelt or misplaced field would be ignored, silently keeping a default.', 'Use the field suggested ("did you mean"), or one of the known fields listed.'),
  rule('schema-required', 'A required field is missing.', 'Add the field named.'),
  rule('schema-type', 'A value of the wrong type (a string where a number belongs, ...).', 'Give a value of the type named.'),
  rule('schema-enum', 'A value outside the fixed set the field accepts.', 'Use one of the values listed.'),
  rule('schema-format', 'A malformed value: a CIDR with host bits, an image without a tag, an unpinned chart version, a name that is not a DNS label.', 'Write the value in the form described.'),
  rule('schema-range', 'A number, size, count or list length outside its sane bounds (replicas, node counts, disk sizes, retention).', 'Give a value within the bounds named.'),
  rule('schema-invalid', 'A value the schema rejects for another reason.', 'Change the value as the message says.'),
];

/** The semantic rules of the model (packages/model/src/rules), the checks a schema cannot express. */
export const SEMANTIC_RULES: readonly RuleDoc[] = [
  rule('duplicate-name', 'Two items of a list with one name (subnets, node pools, components, databases, ...): the second would overwrite the first.', 'Rename or remove one of them.'),
  rule('app-name-clash', 'An app named like a platform component: both would be one Argo CD Application.', 'Rename the app entry.'),
  rule('app-namespace-clash', 'Two apps in one namespace: their default-deny policies and roles would collide.', 'Give each app its own namespace.'),
  rule('provider-distribution', 'A cloud that does not run the distribution (AKS on AWS).', 'Pick the cloud of the distribution.'),
  rule('provider-account', 'A missing or foreign account id: IAM role ARNs and Azure resources are named from it.', 'Set provider.accountId (AWS) or provider.subscriptionId (Azure).'),
  rule('region-unknown', "A region or location the provider does not have: nothing would be created.", "Use one of the provider's regions (AWS) or locations (Azure) listed."),
  rule('node-pool-size', 'Node pool bounds out of order: the autoscaler or the node group would refuse them.', 'Keep minSize <= desiredSize <= maxSize.'),
  rule('node-pool-image', 'A node image the distribution does not support.', 'Use one of the images listed for the distribution.'),
  rule('control-plane-pool', 'A self-managed cluster without exactly one control plane pool, or a managed one with one.', 'RKE2 and kubeadm: one pool with role "control-plane"; EKS and AKS: none.'),
  rule('subnet-outside-network', 'A subnet outside the network range cannot be created.', 'Pick a subnet range inside network.cidr.'),
  rule('subnet-overlap', 'Overlapping subnets cannot both be created.', 'Pick ranges that do not overlap.'),
  rule('cidr-overlap', 'A Service or Pod range overlapping the network: traffic to those addresses would be misrouted.', 'Pick serviceCidr and podCidr apart from the network and from each other.'),
  rule('subnet-zone', "A subnet's zone or role that its cloud does not have (an AWS subnet lives in one zone; Azure subnets are regional).", 'Set a zone letter on AWS subnets, none on Azure; app-gateway subnets are Azure only.'),
  rule('eks-private-zones', 'EKS needs private subnets in two availability zones.', 'Add a private subnet in a second zone.'),
  rule('nat-gateway-placement', 'A NAT gateway mode the public subnets cannot carry.', 'Add a public subnet in each zone with private subnets, or use natGateways "single" or "none".'),
  rule(
    'admin-cidr-world',
    'Admin ranges that together open SSH, the Kubernetes API, etcd and the kubelet to the whole internet (0.0.0.0/0, or 0.0.0.0/1 plus 128.0.0.0/1).',
    'List only the operator ranges (VPN, office) that administer the cluster.',
    { equivalents: { checkov: 'CKV_AWS_24, CKV_AZURE_10' } },
  ),
  rule('admin-cidr-broad', 'Admin ranges that together open the admin ports to more than a /8 (16,777,216 addresses) of the internet.', 'Narrow network.adminCidrs to the operator ranges.', { waivable: true }),
  rule('component-mandatory', 'A component every cluster needs (Argo CD) is missing.', 'Add it to platform:.'),
  rule('component-distribution', 'A component on a distribution it does not run on.', 'Remove it, or use the component for this distribution.'),
  rule('component-requires', 'A component without the component it needs on the same cluster.', 'Add the component named.'),
  rule('custom-values-without-helm', 'Values on a custom component without a chart would be ignored.', 'Add helm: { repoURL, chart, version }, or remove values.'),
  rule('custom-facts-mismatch', 'Chart facts of another chart or version than the one a custom component pins would judge the wrong chart.', 'Give the facts read at the tag of the pinned chart version, or pin the version the facts were read at.'),
  rule('cloud-resource-foreign', "A cloud resource of the other cloud (S3 buckets on Azure) would not be created.", 'Remove it, or use the resource of this cloud.'),
  rule('cloud-option-distribution', 'Control plane options of another distribution (eks: on an RKE2 cluster) would be ignored.', 'Remove the options or change the distribution.'),
  rule('cloud-resource-unused', 'A database, bucket, Blob container, file system or cache nothing on the cluster uses: paid for, and a sign that a name is misspelt.', 'Remove it, or correct the name an app or component uses; waive it when workloads outside the fleet use it.', { waivable: true }),
  rule('load-balancer-dns', 'A load balancer without the DNS zone of its certificate, or DNS records without the load balancer they point at.', 'Set cloud.loadBalancer and cloud.dns together.'),
  rule('service-zones', 'A data service (database, cache, file system, load balancer) without subnets in the zones it needs.', 'Add subnets of the role named in more zones.'),
  rule('grant-unknown-workload', 'Access granted to an IAM workload that the cluster does not run (or off EKS, where there is no IRSA).', 'Name an IAM workload of the cluster listed, or remove the grant.'),
  rule('ebs-addon-workload', "The aws-ebs-csi-driver add-on without the ebs-csi-driver component that gives it its IAM role.", 'Add { name: "ebs-csi-driver" } to platform:.'),
  rule('node-bootstrap-nat', 'Self-installing nodes in private subnets without a NAT gateway cannot download RKE2 or the Kubernetes packages.', 'Use natGateways "single" or "one-per-az".'),
  rule('kubeadm-control-plane', 'A kubeadm control plane of more than one node needs a load-balanced endpoint that is not rendered.', 'Use one control plane node.'),
  rule('load-balancer-ingress', "A load balancer in front of the nodes without an ingress controller on the nodes' ports 80/443.", 'Add ingress-nginx with exposure "host-ports".'),
  rule('kubeadm-pod-cidr', "kubeadm's pod network (Flannel) needs network.podCidr.", 'Set network.podCidr, such as 10.244.0.0/16.'),
  rule('rke2-version', "An RKE2 release that does not carry the cluster's Kubernetes version.", 'Pick the RKE2 release of kubernetesVersion.'),
  rule('vpn-subnet', 'A VPN instance outside a public subnet cannot get its Elastic IP.', 'Name a public subnet.'),
  rule('port-range-order', 'A port range that ends before it starts.', 'Keep port <= toPort.'),
  rule(
    'admin-port-world',
    'A security group rule that opens SSH, the Kubernetes API, etcd, the RKE2 supervisor or the kubelet to 0.0.0.0/0.',
    'Open admin ports from "admin" (network.adminCidrs) or "network" only.',
    { equivalents: { kubeLinter: 'ssh-port', checkov: 'CKV_AWS_24, CKV_AZURE_10' } },
  ),
  rule('storage-account-name', 'An Azure storage account name longer than 24 characters cannot be created.', 'Use a shorter purpose.'),
  rule('app-gateway-subnet', 'An Application Gateway needs a subnet of its own (role "app-gateway").', 'Add a subnet with role "app-gateway".'),
  rule('app-gateway-capacity', 'Application Gateway autoscaling bounds out of order.', 'Keep minCapacity <= maxCapacity.'),
  rule('aks-network', 'AKS with Azure CNI needs a private subnet for its nodes and a Service range apart from the VNet.', 'Add a private subnet and network.serviceCidr.'),
  rule('provision-conflict', 'Two components providing the same thing (the log store, an IngressClass) to the rest of the cluster.', 'Keep one of the two components named.'),
  rule('replica-range-order', 'A replica range whose minimum exceeds its maximum.', 'Keep replicas.min <= replicas.max.'),
  rule('host-not-in-dns', "A public host that the cluster's DNS records, load balancer and certificate do not serve.", 'Add the host to cloud.dns.records, or use one of them.'),
  rule('component-options', "A catalogue component's options that do not fit together or with the cluster (the default rule of a component's own checks).", 'Change the options as the message says; docs/catalogue.md lists them.'),
  rule('app-props', "A business app's props that do not fit together or with the cluster (the default rule of an app's own checks).", 'Change the props as the message says; docs/catalogue.md lists them.'),
];

/**
 * The Pod Security "restricted" rules a workload's `security` can weaken. Shared by the model
 * (a weakening written in the spec) and the output checks (a weakening in a rendered pod), so
 * one `allowUnsafe` opt-in waives both.
 */
export const POD_SECURITY_RULES: readonly RuleDoc[] = [
  rule('pod-run-as-root', 'A container that may run as root (runAsUser 0, runAsNonRoot false): a container escape is root on the node.', 'Run as a non-zero user, or opt in with allowUnsafe: { reason, runAsRoot: true }.', {
    waivable: true,
    equivalents: { kubeLinter: 'run-as-non-root', polaris: 'runAsRootAllowed', checkov: 'CKV_K8S_23' },
  }),
  rule('pod-privilege-escalation', 'A container that may gain more privileges than its process (setuid binaries).', 'Set allowPrivilegeEscalation false, or opt in with allowUnsafe: { reason, privilegeEscalation: true }.', {
    waivable: true,
    equivalents: { kubeLinter: 'privilege-escalation-container', polaris: 'privilegeEscalationAllowed', checkov: 'CKV_K8S_20' },
  }),
  rule('pod-writable-root-fs', 'A writable root filesystem lets an attacker persist tools in the container.', 'Mount an emptyDir where the app writes, or opt in with allowUnsafe: { reason, writableRootFilesystem: true }.', {
    waivable: true,
    equivalents: { kubeLinter: 'no-read-only-root-fs', polaris: 'notReadOnlyRootFilesystem', checkov: 'CKV_K8S_22' },
  }),
  rule('pod-seccomp', 'A container without the RuntimeDefault seccomp profile can make every system call.', 'Use seccompProfile RuntimeDefault, or opt in with allowUnsafe: { reason, unconfinedSeccomp: true }.', {
    waivable: true,
    equivalents: { polaris: 'linuxHardening', checkov: 'CKV_K8S_31' },
  }),
  rule('pod-capabilities', 'A container that keeps or adds Linux capabilities beyond NET_BIND_SERVICE.', 'Drop ALL and add only NET_BIND_SERVICE, or opt in with allowUnsafe: { reason, capabilities: [...] }.', {
    waivable: true,
    equivalents: { polaris: 'insecureCapabilities, dangerousCapabilities', checkov: 'CKV_K8S_25, CKV_K8S_37' },
  }),
];

/** Rules of the waivers themselves. */
export const WAIVER_RULES: readonly RuleDoc[] = [
  rule('waiver-unknown-rule', 'A waiver of a rule that does not exist waives nothing.', 'Use a rule id of docs/rules.md.'),
  rule('waiver-not-waivable', 'A waiver of a rule that can never be waived (a Secret with data, an admin port open to the world, an unpinned chart or image).', 'Fix the finding instead; remove the waiver.'),
  rule('waiver-expired', 'A waiver past its expiry date no longer covers its findings.', 'Fix the findings it covered and remove the waiver, or renew it with a new date and reason.', { severity: 'warning' }),
  rule('waiver-unused', 'A waiver that covers no finding: the problem was fixed, or the waiver names the wrong rule, component or object.', 'Remove the waiver, or correct what it names.', { severity: 'warning' }),
];
