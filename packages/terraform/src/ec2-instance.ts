import type { Ref } from './expression.js';
import type { SecurityGroupRef } from './security-group.js';
import type { DataSource, Declared, Resource, Stack } from './stack.js';
import { tfName } from './names.js';

export type UbuntuImage = 'ubuntu-22.04' | 'ubuntu-24.04';

/** Canonical's account and image name patterns (24.04 images are published on gp3 only). */
const CANONICAL = '099720109477';
const UBUNTU_IMAGES: Record<UbuntuImage, string> = {
  'ubuntu-22.04': 'ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-*',
  'ubuntu-24.04': 'ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-*',
};

const amis = new WeakMap<Stack, Map<UbuntuImage, DataSource<'aws_ami'>>>();

/** The latest Canonical AMI of an Ubuntu release, declared once per document. */
export function ubuntuAmi(stack: Stack, image: UbuntuImage): DataSource<'aws_ami'> {
  const known = amis.get(stack) ?? new Map<UbuntuImage, DataSource<'aws_ami'>>();
  amis.set(stack, known);
  const existing = known.get(image);
  if (existing) return existing;
  const ami = stack.data('aws_ami', tfName(image.replace('.', '_')), {
    most_recent: true,
    owners: [CANONICAL],
    filter: [
      { name: 'name', values: [UBUNTU_IMAGES[image]] },
      { name: 'virtualization-type', values: ['hvm'] },
    ],
  });
  known.set(image, ami);
  return ami;
}

export interface Ec2InstanceProps {
  /** Name tag. */
  readonly name: string;
  readonly image: UbuntuImage;
  readonly instanceType: string;
  readonly subnetId: Ref<'aws_subnet'>;
  readonly securityGroupIds: readonly SecurityGroupRef[];
  readonly keyName: Ref<'aws_key_pair'>;
  readonly rootVolumeGiB: number;
  /** @default false */
  readonly publicIp?: boolean;
  /** Role tag (`server`, `agent`, `control-plane`) for inventories. @default none */
  readonly role?: string;
  /** cloud-config read at first boot. @default none */
  readonly userData?: string;
  /** IAM instance profile (name). @default none */
  readonly instanceProfile?: Ref<'aws_iam_instance_profile'>;
  /** A fixed private address inside the subnet (a registration address). @default one AWS picks */
  readonly privateIp?: string;
  /** What must exist before the instance boots (its profile's permissions). @default none */
  readonly after?: readonly Declared[];
  /**
   * How many network hops an IMDSv2 token travels: 2 lets pods, one hop away in their own network
   * namespace, use the instance's role (aws-ebs-csi-driver v1.42.0 docs/install.md). Written out,
   * because an AMI registered with IMDS support v2.0 defaults to 2. @default 1: the node's own processes only
   */
  readonly metadataHopLimit?: 1 | 2;
}

/**
 * An EC2 instance with an encrypted gp3 root volume and IMDSv2 required. The AMI is looked up
 * as the latest release, and user data only runs at first boot: later changes to either are
 * ignored rather than replacing (or, for user data, stopping and starting) running nodes; a
 * node takes new ones when it is replaced (`terraform apply -replace=...`).
 */
export function ec2Instance(stack: Stack, id: string, props: Ec2InstanceProps): Resource<'aws_instance'> {
  return stack.resource(
    'aws_instance',
    tfName(id),
    {
      ami: ubuntuAmi(stack, props.image).id,
      instance_type: props.instanceType,
      subnet_id: props.subnetId,
      vpc_security_group_ids: props.securityGroupIds,
      key_name: props.keyName,
      iam_instance_profile: props.instanceProfile,
      private_ip: props.privateIp,
      user_data: props.userData,
      associate_public_ip_address: props.publicIp ?? false,
      root_block_device: { volume_size: props.rootVolumeGiB, volume_type: 'gp3', encrypted: true, delete_on_termination: true },
      metadata_options: { http_endpoint: 'enabled', http_tokens: 'required', http_put_response_hop_limit: props.metadataHopLimit ?? 1 },
      tags: { Name: props.name, Role: props.role },
    },
    { ignoreChanges: props.userData === undefined ? ['ami'] : ['ami', 'user_data'], dependsOn: props.after },
  );
}
