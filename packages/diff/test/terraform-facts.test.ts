import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { factSource, isSensitiveAttribute, knownTerraformTypes, replacementFor } from '../src/terraform-facts.js';
import { repo } from './repo-copy.js';

/** Resource and data source types named in packages/terraform/src and used in the committed Terraform documents. */
async function emittedTypes(): Promise<{ resources: Set<string>; dataSources: Set<string> }> {
  const resources = new Set<string>();
  const dataSources = new Set<string>();
  for (const cluster of await readdir(join(repo, 'dist'))) {
    const doc = JSON.parse(await readFile(join(repo, 'dist', cluster, 'terraform', 'main.tf.json'), 'utf8')) as { resource?: object; data?: object };
    for (const type of Object.keys(doc.resource ?? {})) resources.add(type);
    for (const type of Object.keys(doc.data ?? {})) dataSources.add(type);
  }
  const src = join(repo, 'packages', 'terraform', 'src');
  for (const file of await readdir(src, { recursive: true })) {
    if (!file.endsWith('.ts')) continue;
    const text = await readFile(join(src, file), 'utf8');
    for (const [, type] of text.matchAll(/'((?:aws|azurerm|random|tls|null|local|time|cloudinit)_[a-z0-9_]+)'/g)) if (!dataSources.has(type!)) resources.add(type!);
  }
  return { resources, dataSources };
}

describe('Terraform facts', () => {
  it('cover every resource type the project emits (add the type to data/terraform-resources.json, read from its provider, when this fails)', async () => {
    const { resources } = await emittedTypes();
    expect(resources.size).toBeGreaterThan(50);
    const known = new Set(knownTerraformTypes());
    expect([...resources].filter((t) => !known.has(t)).sort()).toEqual([]);
  });

  it('say where each fact was read, at a provider tag', () => {
    expect(factSource('aws_vpc')).toBe('hashicorp/terraform-provider-aws v6.58.0 internal/service/ec2 resourceVPC');
    expect(factSource('azurerm_virtual_network', 'location')).toBe('hashicorp/go-azure-helpers v0.81.1 resourcemanager/commonschema/location.go Location()');
    expect(factSource('azurerm_kubernetes_cluster', 'default_node_pool.host_group_id')).toBe('hashicorp/terraform-provider-azurerm v4.81.0 internal/services/containers/kubernetes_nodepool.go');
    for (const type of knownTerraformTypes()) expect(factSource(type), type).toMatch(/^hashicorp\/terraform-provider-(aws v6|azurerm v4|helm v3|kubernetes v3|random v3|tls v4)\.\d+\.\d+ /);
  });
});

describe('replacementFor', () => {
  it('forces replacement for a ForceNew attribute, inside it, and for a block that holds one', () => {
    expect(replacementFor('aws_vpc', 'cidr_block', false)).toEqual({ attribute: 'cidr_block', conditional: false });
    expect(replacementFor('aws_eks_cluster', 'kubernetes_network_config', true)).toEqual({ attribute: 'kubernetes_network_config.ip_family', conditional: false });
    expect(replacementFor('aws_vpc', 'tags.Name', false)).toBeUndefined();
  });

  it('forces replacement for a replace-on-presence attribute only when it is set or unset', () => {
    expect(replacementFor('aws_vpc_security_group_ingress_rule', 'cidr_ipv4', false)).toBeUndefined();
    expect(replacementFor('aws_vpc_security_group_ingress_rule', 'cidr_ipv4', true)).toEqual({ attribute: 'cidr_ipv4', conditional: false });
  });

  it('marks what the provider decides from the values as conditional', () => {
    expect(replacementFor('aws_instance', 'user_data', false)).toEqual({ attribute: 'user_data', conditional: true });
  });

  it('knows nothing of types it has no facts for', () => {
    expect(replacementFor('aws_unknown_thing', 'name', false)).toBeUndefined();
  });
});

describe('isSensitiveAttribute', () => {
  it('follows the Sensitive marks of the provider schema', () => {
    expect(isSensitiveAttribute('aws_db_instance', 'password')).toBe(true);
    expect(isSensitiveAttribute('aws_db_instance', 'engine')).toBe(false);
    expect(isSensitiveAttribute('azurerm_kubernetes_cluster', 'kube_config.client_key')).toBe(true);
  });
});
