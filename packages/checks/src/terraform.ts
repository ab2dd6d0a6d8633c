import { adminPortIn } from '@wavesmith/model';
import { checkCloudConfig } from './cloud-config.js';
import { checkTerraformSecrets } from './secrets.js';

/**
 * Problems in a rendered Terraform JSON document that `terraform validate` would need provider
 * downloads to find, plus the fleet's policy: references resolve, providers are pinned, admin
 * ports stay closed to the internet, storage is encrypted (S3 also versioned and private),
 * generated secrets travel only by reference, and instances' user data is valid cloud-config.
 */
export function checkTerraform(doc: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const resources = blocks(doc.resource);
  const data = blocks(doc.data);
  checkReferences(doc, resources, data, problems);
  checkProviders(doc, resources, data, problems);
  for (const r of resources) {
    checkAdminPorts(r, problems);
    checkEncryption(r, problems);
  }
  checkBuckets(resources, problems);
  problems.push(...checkTerraformSecrets(doc));
  for (const r of resources) {
    if (r.type === 'aws_instance' && typeof r.body.user_data === 'string') {
      problems.push(...checkCloudConfig(literalText(r.body.user_data)).map((p) => `resource.${r.where}.user_data: ${p}`));
    }
  }
  return problems;
}

/** The text Terraform makes of a JSON string without interpolations: `$${` and `%%{` are escaped `${` and `%{`. */
function literalText(template: string): string {
  return template.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{');
}

interface Block {
  /** `resource.aws_vpc.main` or `data.aws_ami.ubuntu` (for messages). */
  readonly where: string;
  readonly type: string;
  readonly name: string;
  readonly body: Record<string, unknown>;
}

function blocks(section: unknown): Block[] {
  const result: Block[] = [];
  for (const [type, byName] of Object.entries(asObject(section))) {
    for (const [name, body] of Object.entries(asObject(byName))) result.push({ where: `${type}.${name}`, type, name, body: asObject(body) });
  }
  return result;
}

function asObject(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** Nested blocks may be written as one object or a list of objects (Terraform JSON syntax). */
function asList(value: unknown): Record<string, unknown>[] {
  if (Array.isArray(value)) return value.map(asObject);
  return value === undefined ? [] : [asObject(value)];
}

// ---- references -----------------------------------------------------------------------------

/** Traversals that name something declared: resources (`type.name`), data, variables, locals, modules. */
const TRAVERSAL = /(?<![\w.$"-])(data\.[a-z][a-z0-9_]*\.[A-Za-z_][\w-]*|var\.[A-Za-z_][\w-]*|local\.[A-Za-z_][\w-]*|module\.[A-Za-z_][\w-]*|[a-z][a-z0-9]*_[a-z0-9_]+\.[A-Za-z_][\w-]*)/g;

function checkReferences(doc: Record<string, unknown>, resources: Block[], data: Block[], problems: string[]): void {
  const declared = new Set<string>([
    ...resources.map((r) => r.where),
    ...data.map((d) => `data.${d.where}`),
    ...Object.keys(asObject(doc.variable)).map((v) => `var.${v}`),
    ...Object.keys(asObject(doc.locals)).map((l) => `local.${l}`),
    ...Object.keys(asObject(doc.module)).map((m) => `module.${m}`),
  ]);
  const visit = (value: unknown, where: string, key: string): void => {
    if (key === '//' || key === 'ignore_changes') return; // comments; attribute paths of the block itself
    if (typeof value === 'string') {
      const found = key === 'depends_on' ? [value] : expressionsIn(value).flatMap((e) => [...stripStrings(e).matchAll(TRAVERSAL)].map((m) => m[1]!));
      for (const ref of found) if (!declared.has(ref)) problems.push(`${where}: reference to ${ref}, which is not declared`);
    } else if (Array.isArray(value)) value.forEach((v) => visit(v, where, key));
    else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) visit(v, where, k === 'depends_on' ? k : key === 'depends_on' ? key : k);
  };
  for (const section of ['provider', 'variable', 'locals', 'output'] as const) visit(doc[section], section, section);
  for (const r of resources) visit(r.body, `resource.${r.where}`, '');
  for (const d of data) visit(d.body, `data.${d.where}`, '');
}

/** The `${...}` interpolations of a JSON string template, skipping escaped `$${`. */
function expressionsIn(text: string): string[] {
  const result: string[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '$' && text[i + 1] === '$') {
      i++;
      continue;
    }
    if (text[i] !== '$' || text[i + 1] !== '{') continue;
    let depth = 0;
    let j = i + 1;
    for (; j < text.length; j++) {
      if (text[j] === '{') depth++;
      else if (text[j] === '}' && --depth === 0) break;
    }
    result.push(text.slice(i + 2, j));
    i = j;
  }
  return result;
}

/** Quoted literals inside an expression are text, not references (`"vet-app.example.com"`). */
function stripStrings(expression: string): string {
  return expression.replace(/"(?:[^"\\]|\\.)*"/g, '""');
}

// ---- providers ------------------------------------------------------------------------------

/** A pessimistic (`~>`) or exact constraint; `>=` alone lets a new major in. */
const PINNED = /^\s*(~>\s*\d+(\.\d+)*|=?\s*\d+\.\d+\.\d+)\s*$/;

function checkProviders(doc: Record<string, unknown>, resources: Block[], data: Block[], problems: string[]): void {
  const required = asObject(asObject(doc.terraform).required_providers);
  const used = new Set([...resources, ...data].map((b) => b.type.slice(0, b.type.indexOf('_'))));
  for (const provider of [...used].sort()) {
    const entry = asObject(required[provider]);
    if (required[provider] === undefined) problems.push(`terraform.required_providers: provider "${provider}" is used but not required`);
    else if (typeof entry.version !== 'string' || !PINNED.test(entry.version)) {
      problems.push(`terraform.required_providers.${provider}: version ${JSON.stringify(entry.version)} is not pinned (use "~> X.Y" or an exact version)`);
    }
  }
}

// ---- admin ports ----------------------------------------------------------------------------

/** Sources meaning "the whole internet" in AWS rules and Azure NSG rules. */
const WORLD = new Set(['0.0.0.0/0', '::/0', '*', 'Internet', 'Any']);

function checkAdminPorts(r: Block, problems: string[]): void {
  const b = r.body;
  const report = (from: number, to: number, source: string): void => {
    const port = adminPortIn(from, to);
    if (port) problems.push(`resource.${r.where}: opens ${port.what} (${port.from === port.to ? port.from : `${port.from}-${port.to}`}) to ${source}`);
  };
  const tcp = (protocol: unknown): boolean => ['tcp', '6', '-1', 'all', '*', 'Tcp'].includes(String(protocol));
  const ports = (from: unknown, to: unknown, protocol: unknown): [number, number] =>
    ['-1', 'all', '*'].includes(String(protocol)) || from === undefined ? [0, 65535] : [Number(from), Number(to ?? from)];

  if (r.type === 'aws_vpc_security_group_ingress_rule') {
    const source = [b.cidr_ipv4, b.cidr_ipv6].find((c) => typeof c === 'string' && WORLD.has(c));
    if (source !== undefined && tcp(b.ip_protocol)) report(...ports(b.from_port, b.to_port, b.ip_protocol), String(source));
  }
  const legacy = r.type === 'aws_security_group_rule' ? (b.type === 'ingress' ? [b] : []) : r.type === 'aws_security_group' ? asList(b.ingress) : [];
  for (const rule of legacy) {
    const cidrs = [...asStrings(rule.cidr_blocks), ...asStrings(rule.ipv6_cidr_blocks)];
    const source = cidrs.find((c) => WORLD.has(c));
    if (source !== undefined && tcp(rule.protocol)) report(...ports(rule.from_port, rule.to_port, rule.protocol), source);
  }
  const nsgRules = r.type === 'azurerm_network_security_rule' ? [b] : r.type === 'azurerm_network_security_group' ? asList(b.security_rule) : [];
  for (const rule of nsgRules) {
    if (rule.direction !== 'Inbound' || rule.access !== 'Allow' || !tcp(rule.protocol)) continue;
    const source = [rule.source_address_prefix, ...asStrings(rule.source_address_prefixes)].find((s) => typeof s === 'string' && WORLD.has(s));
    if (source === undefined) continue;
    for (const range of [rule.destination_port_range, ...asStrings(rule.destination_port_ranges)]) {
      if (typeof range !== 'string') continue;
      const [from, to] = range === '*' ? [0, 65535] : range.split('-').map(Number);
      report(from!, to ?? from!, String(source));
    }
  }
}

function asStrings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

// ---- encryption -----------------------------------------------------------------------------

const isTrue = (value: unknown): boolean => value === true || value === 'true';

function checkEncryption(r: Block, problems: string[]): void {
  const b = r.body;
  const need = (ok: boolean, what: string): void => {
    if (!ok) problems.push(`resource.${r.where}: ${what} is not encrypted`);
  };
  switch (r.type) {
    case 'aws_db_instance':
    case 'aws_rds_cluster':
      need(isTrue(b.storage_encrypted), 'database storage (storage_encrypted)');
      break;
    case 'aws_efs_file_system':
      need(isTrue(b.encrypted), 'the file system (encrypted)');
      break;
    case 'aws_ebs_volume':
      need(isTrue(b.encrypted), 'the volume (encrypted)');
      break;
    case 'aws_instance':
      for (const device of [...asList(b.root_block_device), ...asList(b.ebs_block_device)]) need(isTrue(device.encrypted), 'a block device (encrypted)');
      if (b.root_block_device === undefined) need(false, 'the root volume (no root_block_device with encrypted = true)');
      break;
    case 'aws_launch_template':
      for (const mapping of asList(b.block_device_mappings)) for (const ebs of asList(mapping.ebs)) need(isTrue(ebs.encrypted), `volume ${String(mapping.device_name)} (encrypted)`);
      break;
  }
}

/** Each S3 bucket has versioning enabled, default encryption and a full public access block. */
function checkBuckets(resources: Block[], problems: string[]): void {
  const refersTo = (body: Record<string, unknown>, bucket: Block): boolean =>
    body.bucket === `\${aws_s3_bucket.${bucket.name}.id}` || body.bucket === `\${aws_s3_bucket.${bucket.name}.bucket}`;
  const companion = (type: string, bucket: Block): Block | undefined => resources.find((r) => r.type === type && refersTo(r.body, bucket));
  for (const bucket of resources.filter((r) => r.type === 'aws_s3_bucket')) {
    const versioning = companion('aws_s3_bucket_versioning', bucket);
    if (asList(versioning?.body.versioning_configuration)[0]?.status !== 'Enabled') problems.push(`resource.${bucket.where}: versioning is not enabled`);
    if (!companion('aws_s3_bucket_server_side_encryption_configuration', bucket)) problems.push(`resource.${bucket.where}: default encryption is not configured`);
    const block = companion('aws_s3_bucket_public_access_block', bucket);
    const flags = ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'];
    if (!block || flags.some((f) => !isTrue(block.body[f]))) problems.push(`resource.${bucket.where}: public access is not fully blocked (${flags.join(', ')})`);
  }
}
