import { defineRule as rule, type RuleDoc } from '@wavesmith/model';

/** The rules of the rendered output (docs/rules.md is generated from these entries). */
export const OUTPUT_RULES: readonly RuleDoc[] = [
  rule('k8s-schema', 'An object that does not match the schema of its kind would be refused by the API server at sync.', 'Correct the field the message names (in the custom manifests or values that produced it).', {
    equivalents: { kubeLinter: 'schema-validation' },
  }),
  rule('k8s-unknown-kind', 'An object whose kind has no known schema would be written unchecked.', 'Add the model package or schema of its API group to @wavesmith/checks.'),
  rule('secret-literal-data', 'A Secret with data in dist/ is a secret committed to Git.', 'Deliver it by reference: the Secrets Store CSI driver (Vault, AWS Secrets Manager).'),
  rule('image-unpinned', 'An image without a tag or digest, on the mutable tag "latest", or with a malformed digest: what runs changes without a review.', 'Pin a version tag or a sha256 digest.', {
    equivalents: { kubeLinter: 'latest-tag', polaris: 'tagNotSpecified', checkov: 'CKV_K8S_14' },
  }),
  rule('pod-privileged', 'A privileged container has every capability and the host devices: it is root on the node.', 'Remove privileged: true; a CSI driver or node agent belongs in a chart of the catalogue.', {
    waivable: true,
    equivalents: { kubeLinter: 'privileged-container', polaris: 'runAsPrivileged', checkov: 'CKV_K8S_16' },
  }),
  rule('pod-host-namespaces', "A pod sharing the host's network, PID or IPC namespace sees and reaches the node's processes and traffic.", 'Remove hostNetwork, hostPID and hostIPC.', {
    waivable: true,
    equivalents: { kubeLinter: 'host-network, host-pid, host-ipc', polaris: 'hostNetworkSet, hostPIDSet, hostIPCSet', checkov: 'CKV_K8S_19, CKV_K8S_17, CKV_K8S_18' },
  }),
  rule('pod-host-port', 'A container port bound on the node bypasses NetworkPolicies and limits scheduling.', 'Expose it through a Service (or the ingress controller).', {
    waivable: true,
    equivalents: { polaris: 'hostPortSet', checkov: 'CKV_K8S_26' },
  }),
  rule('pod-volume-type', 'A volume type Pod Security "restricted" forbids (hostPath above all) reaches into the node.', 'Use configMap, secret, emptyDir, projected, csi or a persistentVolumeClaim.', {
    waivable: true,
    equivalents: { polaris: 'hostPathSet' },
  }),
  rule('pod-security-admission', "A pod that breaks the Pod Security level its namespace enforces would be refused by admission, and its workload never start.", 'Fix the setting named; a weakening that is opted into (allowUnsafe) lowers the namespace level with it.'),
  rule('argocd-chart-unpinned', 'A chart pinned to a range or branch instead of an exact version: Argo CD would sync what nobody reviewed.', 'Pin the exact chart version.'),
  rule('argocd-sync-wave', 'A sync wave annotation that is not an integer.', 'Let the planner set the wave (it is computed).'),
  rule('argocd-path-missing', 'An Application whose path in the repository does not exist or holds no objects would sync nothing, or fail.', 'Render the component, or remove its Application.'),
  rule('argocd-owned-twice', 'An object synced by two Applications: they would fight over it, each pruning the other.', 'Render the object in one component only.'),
  rule('argocd-crd-installed-twice', 'A CRD installed by two Applications: deleting either deletes every resource of it.', 'Install each CRD from one component.'),
  rule('argocd-crd-order', 'A custom resource synced in a wave before (or with) the CRD that defines it: the sync fails until a retry.', 'Move the resource to a component that depends on the CRD installer (needs, or usesCrds).'),
  rule('argocd-project', 'An Application outside its AppProject (project, destination or source repository) would be refused by Argo CD.', 'Keep the Application in the cluster project; the project lists what its components use.'),
  rule('wave-plan', 'Components that cannot be put in sync waves: a name used twice, a CRD nobody or two components install, an unknown need, a cycle, a tier depending on a later one.', 'Change the components as the message says (needs, usesCrds, tier).'),
  rule('chart-kube-version', "A chart version whose kubeVersion range excludes the cluster's Kubernetes version does not render.", 'Pick a chart version whose range includes it, or another Kubernetes version.'),
  rule('chart-values-unknown', 'A values key the chart does not read: Helm ignores it without a word, so the setting silently does not happen.', 'Use the key suggested, or one the chart reads (listed).'),
  rule('storage-class-missing', 'A volume asking for a StorageClass the cluster lacks (or none, without a default) stays Pending, and the waves after it wait.', 'Use a class of the cluster, or add a storage component that provides a default one.'),
  rule('storage-provisioner-missing', 'A StorageClass whose provisioner does not run on the cluster provisions nothing.', 'Add the storage driver that runs the provisioner.'),
  rule('ingress-class-unserved', 'An Ingress of a class no controller serves gets no address, so Argo CD never reports it Healthy.', 'Name a class the cluster serves, or add its ingress controller.'),
  rule('bundled-duplicate', 'A component installing a second copy of what the distribution runs (a metrics server, an ingress controller, a CSI driver): the two fight over one API.', 'Drop the component, or the EKS add-on it duplicates.'),
  rule('tf-reference-undeclared', 'A Terraform reference to a resource, data source, variable or local that is not declared fails the plan.', 'Declare what is referenced, or correct the reference.'),
  rule('tf-provider-unpinned', 'A Terraform provider used without a pinned version lets a new major version in unreviewed.', 'Require the provider with "~> X.Y" or an exact version.'),
  rule('tf-admin-port-world', 'A security group or NSG rule that opens SSH, the Kubernetes API, etcd, the RKE2 supervisor or the kubelet to the internet.', 'Open admin ports from the admin ranges or the network only.', {
    equivalents: { checkov: 'CKV_AWS_24, CKV_AZURE_10' },
  }),
  rule('tf-unencrypted', 'Storage (a database, file system, volume or instance disk) that is not encrypted at rest.', 'Enable encryption on the resource named.', {
    equivalents: { checkov: 'CKV_AWS_16, CKV_AWS_42, CKV_AWS_3, CKV_AWS_8' },
  }),
  rule('tf-bucket-versioning', 'An S3 bucket without versioning loses objects that are overwritten or deleted.', 'Add an aws_s3_bucket_versioning with status Enabled.', { equivalents: { checkov: 'CKV_AWS_21' } }),
  rule('tf-bucket-encryption', 'An S3 bucket without default encryption.', 'Add an aws_s3_bucket_server_side_encryption_configuration.', { equivalents: { checkov: 'CKV_AWS_19' } }),
  rule('tf-bucket-public-access', 'An S3 bucket whose public access is not fully blocked can be made public by one policy.', 'Add an aws_s3_bucket_public_access_block with all four flags true.', { equivalents: { checkov: 'CKV2_AWS_6' } }),
  rule('tf-secret-reference', 'A generated secret referenced where it would be copied into a plan, a console or a file.', 'Send it to a secret store (SSM SecureString, Secrets Manager) or the resource it belongs to only.'),
  rule('tf-secret-key', 'A SecureString parameter encrypted with the default aws/ssm key, which every principal of the account can use.', 'Set key_id to a key of ours.', { equivalents: { checkov: 'CKV_AWS_337' } }),
  rule('tf-secret-literal', 'A secret argument (a password) given as a literal is a secret written into dist/.', 'Reference a generated secret (random_password).'),
  rule('secret-in-output', 'Text shaped like a secret (a private key, a join token, an access key) in a rendered file.', 'Deliver secrets by reference (SSM, Secrets Manager, Vault), never as text.', {
    equivalents: { checkov: 'CKV_SECRET_13, CKV_SECRET_2, CKV_SECRET_3' },
  }),
  rule('cloud-config-invalid', "Node user data that cloud-init would not read as meant (not cloud-config, not YAML, a misspelt key, a wrong shape) silently skips steps.", 'Correct the user data as the message says.'),
  rule('cloud-config-order', 'Cloud-config keys out of the order cloud-init runs their modules: the file would not read in execution order.', 'Write the keys in module order.'),
  rule('cloud-config-set-e', 'A runcmd script without "set -e" carries on after a failed command.', 'Start runcmd with "set -e".'),
  rule('user-data-too-large', 'User data over 16 KB is refused by EC2.', 'Move large files to a download (S3, a package) and keep the user data small.'),
];
