import { describe, expect, it } from 'vitest';
import { checkTerraform } from '../src/terraform.js';

/** Each problem as `rule: message`. */
const found = (doc: Record<string, unknown>) => checkTerraform(doc).map((p) => `${p.rule}: ${p.message}`);

const pinned = { terraform: { required_providers: { aws: { source: 'hashicorp/aws', version: '~> 6.0' }, azurerm: { source: 'hashicorp/azurerm', version: '~> 4.0' } } } };
const withResources = (resource: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ ...pinned, resource, ...extra });

describe('checkTerraform', () => {
  it('accepts references to declared resources, data sources, variables and locals', () => {
    const doc = withResources(
      { aws_vpc: { main: { cidr_block: '10.0.0.0/16' } }, aws_subnet: { a: { vpc_id: '${aws_vpc.main.id}', tags: { Name: '${var.name}-${local.suffix}' }, depends_on: ['aws_vpc.main'] } } },
      { variable: { name: { type: 'string' } }, locals: { suffix: 'a' }, data: { aws_ami: { ubuntu: { most_recent: true } } }, output: { ami: { value: '${data.aws_ami.ubuntu.id}' } } },
    );
    expect(found(doc)).toEqual([]);
  });

  it('fails a reference to an undeclared resource, variable or depends_on target', () => {
    const doc = withResources({ aws_subnet: { a: { vpc_id: '${aws_vpc.main.id}', tags: { Name: '${var.missing}' }, depends_on: ['aws_iam_role.gone'] } } });
    expect(found(doc)).toEqual([
      'tf-reference-undeclared: resource.aws_subnet.a: reference to aws_vpc.main, which is not declared',
      'tf-reference-undeclared: resource.aws_subnet.a: reference to var.missing, which is not declared',
      'tf-reference-undeclared: resource.aws_subnet.a: reference to aws_iam_role.gone, which is not declared',
    ]);
  });

  it('ignores escaped templates, quoted literals and for-expression variables', () => {
    const doc = withResources({
      aws_acm_certificate: { c: { domain_name: 'a.example.com' } },
      aws_route53_record: {
        r: { name: '${one([for o in aws_acm_certificate.c.domain_validation_options : o.resource_record_name if o.domain_name == "my_zone.example"])}', records: ['$${aws_vpc.literal.id}'] },
      },
    });
    expect(found(doc)).toEqual([]);
  });

  it('fails a provider that is used but not required, or required without a pinned version', () => {
    const doc = { terraform: { required_providers: { aws: { source: 'hashicorp/aws', version: '>= 5.0' } } }, resource: { aws_vpc: { v: {} }, random_password: { p: {} } } };
    expect(found(doc)).toEqual([
      'tf-provider-unpinned: terraform.required_providers.aws: version ">= 5.0" is not pinned (use "~> X.Y" or an exact version)',
      'tf-provider-unpinned: terraform.required_providers: provider "random" is used but not required',
    ]);
  });

  it('rejects admin ports open to the world in every rule form, and accepts web ports', () => {
    const doc = withResources({
      aws_vpc_security_group_ingress_rule: {
        ssh: { ip_protocol: 'tcp', from_port: 22, to_port: 22, cidr_ipv4: '0.0.0.0/0' },
        all: { ip_protocol: '-1', cidr_ipv6: '::/0' },
        https: { ip_protocol: 'tcp', from_port: 443, to_port: 443, cidr_ipv4: '0.0.0.0/0' },
        vpn: { ip_protocol: 'udp', from_port: 1194, to_port: 1194, cidr_ipv4: '0.0.0.0/0' },
        admin: { ip_protocol: 'tcp', from_port: 6443, to_port: 6443, cidr_ipv4: '203.0.113.0/24' },
      },
      aws_security_group_rule: { etcd: { type: 'ingress', protocol: 'tcp', from_port: 2379, to_port: 2380, cidr_blocks: ['0.0.0.0/0'] } },
      aws_security_group: { inline: { ingress: [{ protocol: 'tcp', from_port: 10250, to_port: 10250, cidr_blocks: ['0.0.0.0/0'] }] } },
      azurerm_network_security_rule: {
        supervisor: { direction: 'Inbound', access: 'Allow', protocol: 'Tcp', destination_port_range: '9000-9400', source_address_prefix: 'Internet' },
        web: { direction: 'Inbound', access: 'Allow', protocol: 'Tcp', destination_port_ranges: ['80', '443'], source_address_prefix: 'Internet' },
      },
    });
    expect(found(doc)).toEqual([
      'tf-admin-port-world: resource.aws_vpc_security_group_ingress_rule.ssh: opens SSH (22) to 0.0.0.0/0',
      'tf-admin-port-world: resource.aws_vpc_security_group_ingress_rule.all: opens SSH (22) to ::/0',
      'tf-admin-port-world: resource.aws_vpc_security_group_ingress_rule.all: opens the Kubernetes API (6443) to ::/0',
      'tf-admin-port-world: resource.aws_vpc_security_group_ingress_rule.all: opens etcd (2379-2380) to ::/0',
      'tf-admin-port-world: resource.aws_security_group_rule.etcd: opens etcd (2379-2380) to 0.0.0.0/0',
      'tf-admin-port-world: resource.aws_vpc_security_group_ingress_rule.all: opens the RKE2 supervisor (9345) to ::/0',
      'tf-admin-port-world: resource.azurerm_network_security_rule.supervisor: opens the RKE2 supervisor (9345) to Internet',
      'tf-admin-port-world: resource.aws_vpc_security_group_ingress_rule.all: opens the kubelet (10250) to ::/0',
      'tf-admin-port-world: resource.aws_security_group.inline: opens the kubelet (10250) to 0.0.0.0/0',
    ]);
  });

  it('rejects admin ranges of one security group that together are the world, and accepts them in different groups', () => {
    const half = (name: string, cidr: string, group: string) => ({ [name]: { security_group_id: group, ip_protocol: 'tcp', from_port: 22, to_port: 22, cidr_ipv4: cidr } });
    const split = withResources({ aws_vpc_security_group_ingress_rule: { ...half('low', '0.0.0.0/1', '${aws_security_group.a.id}'), ...half('high', '128.0.0.0/1', '${aws_security_group.a.id}') } });
    expect(found({ ...split, resource: { ...split.resource, aws_security_group: { a: {} } } })).toEqual([
      'tf-admin-port-world: resource.aws_vpc_security_group_ingress_rule.low: opens SSH (22) to 0.0.0.0/1 + 128.0.0.0/1 (together every address)',
    ]);
    const apart = withResources({
      aws_security_group: { a: {}, b: {} },
      aws_vpc_security_group_ingress_rule: { ...half('low', '0.0.0.0/1', '${aws_security_group.a.id}'), ...half('high', '128.0.0.0/1', '${aws_security_group.b.id}') },
    });
    expect(found(apart)).toEqual([]);
  });

  it('fails unencrypted databases, file systems and volumes', () => {
    const doc = withResources({
      aws_db_instance: { db: { storage_encrypted: false } },
      aws_efs_file_system: { fs: {} },
      aws_ebs_volume: { v: { encrypted: true } },
      aws_instance: { vm: { root_block_device: { encrypted: false } }, bare: {} },
      aws_launch_template: { lt: { block_device_mappings: [{ device_name: '/dev/xvdb', ebs: { encrypted: false } }] } },
    });
    expect(found(doc)).toEqual([
      'tf-unencrypted: resource.aws_db_instance.db: database storage (storage_encrypted) is not encrypted',
      'tf-unencrypted: resource.aws_efs_file_system.fs: the file system (encrypted) is not encrypted',
      'tf-unencrypted: resource.aws_instance.vm: a block device (encrypted) is not encrypted',
      'tf-unencrypted: resource.aws_instance.bare: the root volume (no root_block_device with encrypted = true) is not encrypted',
      'tf-unencrypted: resource.aws_launch_template.lt: volume /dev/xvdb (encrypted) is not encrypted',
    ]);
  });

  it('fails an S3 bucket without versioning, encryption and a full public access block', () => {
    const doc = withResources({
      aws_s3_bucket: { logs: { bucket: 'logs' } },
      aws_s3_bucket_versioning: { logs: { bucket: '${aws_s3_bucket.logs.id}', versioning_configuration: { status: 'Suspended' } } },
      aws_s3_bucket_public_access_block: { logs: { bucket: '${aws_s3_bucket.logs.id}', block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: false } },
    });
    expect(found(doc)).toEqual([
      'tf-bucket-versioning: resource.aws_s3_bucket.logs: versioning is not enabled',
      'tf-bucket-encryption: resource.aws_s3_bucket.logs: default encryption is not configured',
      'tf-bucket-public-access: resource.aws_s3_bucket.logs: public access is not fully blocked (block_public_acls, block_public_policy, ignore_public_acls, restrict_public_buckets)',
    ]);
  });
});
