import { ADMIN_PORTS, coveredAddresses, IPV4_ADDRESSES, parseCidr, type Ipv4Cidr, type Problem } from '@wavesmith/model';
import { checkCloudConfig } from './cloud-config.js';
import { checkTerraformSecrets } from './secrets.js';

/**
 * Problems in a rendered Terraform JSON document that `terraform validate` would need provider
 * downloads to find, plus the fleet's policy: references resolve, providers are pinned, admin
 * ports stay closed to the internet, storage is encrypted (S3 also versioned and private),
 * generated secrets travel only by reference, and instances' user data is valid cloud-config.
 */
export function checkTerraform(doc: Record<string, unknown>): Problem[] {
  const problems: Problem[] = [];
  const resources = blocks(doc.resource);
  const data = blocks(doc.data);
  checkReferences(doc, resources, data, problems);
  checkProviders(doc, resources, data, problems);
  checkAdminPorts(resources, problems);
  for (const r of resources) checkEncryption(r, problems);
  checkBuckets(resources, problems);
  problems.push(...checkTerraformSecrets(doc));
  for (const r of resources) {
    if (r.type === 'aws_instance' && typeof r.body.user_data === 'string') {
      problems.push(...checkCloudConfig(literalText(r.body.user_data)).map((p) => ({ ...p, object: r.object, path: `/resource/${r.type}/${r.name}/user_data`, message: `resource.${r.where}.user_data: ${p.message}` })));
    }
  }
  return problems;
}

/** A problem of a Terraform block (`resource.aws_vpc.main`), at a JSON Pointer of the document. */
function blockProblem(rule: string, block: Block | undefined, path: string, message: string): Problem {
  return { rule, path, message, ...(block ? { object: block.object } : {}) };
}

/** The text Terraform makes of a JSON string without interpolations: `$${` and `%%{` are escaped `${` and `%{`. */
function literalText(template: string): string {
  return template.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{');
}

interface Block {
  /** `aws_vpc.main` or, for data, `aws_ami.ubuntu` (for messages). */
  readonly where: string;
  /** The block as findings name objects: kind is its type. */
  readonly object: { readonly kind: string; readonly name: string };
  readonly type: string;
  readonly name: string;
  readonly body: Record<string, unknown>;
}

function blocks(section: unknown): Block[] {
  const result: Block[] = [];
  for (const [type, byName] of Object.entries(asObject(section))) {
    for (const [name, body] of Object.entries(asObject(byName))) result.push({ where: `${type}.${name}`, type, name, object: { kind: type, name }, body: asObject(body) });
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

function checkReferences(doc: Record<string, unknown>, resources: Block[], data: Block[], problems: Problem[]): void {
  const declared = new Set<string>([
    ...resources.map((r) => r.where),
    ...data.map((d) => `data.${d.where}`),
    ...Object.keys(asObject(doc.variable)).map((v) => `var.${v}`),
    ...Object.keys(asObject(doc.locals)).map((l) => `local.${l}`),
    ...Object.keys(asObject(doc.module)).map((m) => `module.${m}`),
  ]);
  const visit = (value: unknown, where: string, key: string, path: string, block?: Block): void => {
    if (key === '//' || key === 'ignore_changes') return; // comments; attribute paths of the block itself
    if (typeof value === 'string') {
      const found = key === 'depends_on' ? [value] : expressionsIn(value).flatMap((e) => [...stripStrings(e).matchAll(TRAVERSAL)].map((m) => m[1]!));
      for (const ref of found) if (!declared.has(ref)) problems.push(blockProblem('tf-reference-undeclared', block, path, `${where}: reference to ${ref}, which is not declared`));
    } else if (Array.isArray(value)) value.forEach((v, i) => visit(v, where, key, `${path}/${i}`, block));
    else if (typeof value === 'object' && value !== null) {
      for (const [k, v] of Object.entries(value)) visit(v, where, k === 'depends_on' ? k : key === 'depends_on' ? key : k, `${path}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`, block);
    }
  };
  for (const section of ['provider', 'variable', 'locals', 'output'] as const) visit(doc[section], section, section, `/${section}`);
  for (const r of resources) visit(r.body, `resource.${r.where}`, '', `/resource/${r.type}/${r.name}`, r);
  for (const d of data) visit(d.body, `data.${d.where}`, '', `/data/${d.type}/${d.name}`, d);
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

function checkProviders(doc: Record<string, unknown>, resources: Block[], data: Block[], problems: Problem[]): void {
  const required = asObject(asObject(doc.terraform).required_providers);
  const used = new Set([...resources, ...data].map((b) => b.type.slice(0, b.type.indexOf('_'))));
  for (const provider of [...used].sort()) {
    const entry = asObject(required[provider]);
    const at = `/terraform/required_providers/${provider}`;
    if (required[provider] === undefined) problems.push(blockProblem('tf-provider-unpinned', undefined, at, `terraform.required_providers: provider "${provider}" is used but not required`));
    else if (typeof entry.version !== 'string' || !PINNED.test(entry.version)) {
      problems.push(blockProblem('tf-provider-unpinned', undefined, `${at}/version`, `terraform.required_providers.${provider}: version ${JSON.stringify(entry.version)} is not pinned (use "~> X.Y" or an exact version)`));
    }
  }
}

// ---- admin ports ----------------------------------------------------------------------------

/** Sources meaning "the whole internet" in AWS rules and Azure NSG rules. */
const WORLD = new Set(['0.0.0.0/0', '::/0', '*', 'Internet', 'Any']);

/** An inbound TCP rule: the group it belongs to, the ports it opens and from where. */
interface Opening {
  readonly block: Block;
  readonly group: string;
  readonly from: number;
  readonly to: number;
  readonly sources: readonly string[];
}

/**
 * No admin port open to the internet: judged per security group (or NSG) and port by what its
 * rules open together, so 0.0.0.0/1 in one rule and 128.0.0.0/1 in another is the world too.
 */
function checkAdminPorts(resources: readonly Block[], problems: Problem[]): void {
  const openings: Opening[] = [];
  const tcp = (protocol: unknown): boolean => ['tcp', '6', '-1', 'all', '*', 'Tcp'].includes(String(protocol));
  const ports = (from: unknown, to: unknown, protocol: unknown): [number, number] =>
    ['-1', 'all', '*'].includes(String(protocol)) || from === undefined ? [0, 65535] : [Number(from), Number(to ?? from)];
  for (const r of resources) {
    const b = r.body;
    if (r.type === 'aws_vpc_security_group_ingress_rule' && tcp(b.ip_protocol)) {
      const sources = [b.cidr_ipv4, b.cidr_ipv6].filter((c): c is string => typeof c === 'string');
      openings.push({ block: r, group: String(b.security_group_id ?? r.where), sources, ...range(ports(b.from_port, b.to_port, b.ip_protocol)) });
    }
    const legacy = r.type === 'aws_security_group_rule' ? (b.type === 'ingress' ? [b] : []) : r.type === 'aws_security_group' ? asList(b.ingress) : [];
    for (const rule of legacy.filter((rule) => tcp(rule.protocol))) {
      const group = r.type === 'aws_security_group' ? r.where : String(rule.security_group_id ?? r.where);
      openings.push({ block: r, group, sources: [...asStrings(rule.cidr_blocks), ...asStrings(rule.ipv6_cidr_blocks)], ...range(ports(rule.from_port, rule.to_port, rule.protocol)) });
    }
    const nsgRules = r.type === 'azurerm_network_security_rule' ? [b] : r.type === 'azurerm_network_security_group' ? asList(b.security_rule) : [];
    for (const rule of nsgRules) {
      if (rule.direction !== 'Inbound' || rule.access !== 'Allow' || !tcp(rule.protocol)) continue;
      const group = r.type === 'azurerm_network_security_group' ? r.where : String(rule.network_security_group_name ?? r.where);
      const sources = [rule.source_address_prefix, ...asStrings(rule.source_address_prefixes)].filter((s): s is string => typeof s === 'string');
      for (const text of [rule.destination_port_range, ...asStrings(rule.destination_port_ranges)]) {
        if (typeof text !== 'string') continue;
        const [from, to] = text === '*' ? [0, 65535] : text.split('-').map(Number);
        openings.push({ block: r, group, sources, from: from!, to: to ?? from! });
      }
    }
  }
  for (const port of ADMIN_PORTS) {
    const reaching = openings.filter((o) => o.from <= port.to && port.from <= o.to);
    for (const group of new Set(reaching.map((o) => o.group))) {
      const rules = reaching.filter((o) => o.group === group);
      const literal = rules.find((o) => o.sources.some((s) => WORLD.has(s)));
      const cidrs = rules.flatMap((o) => o.sources.map((s) => parseCidr(s)).filter((c): c is Ipv4Cidr => c !== undefined));
      const world = literal !== undefined || coveredAddresses(cidrs) === IPV4_ADDRESSES;
      if (!world) continue;
      const first = literal ?? rules[0]!;
      const ports = port.from === port.to ? `${port.from}` : `${port.from}-${port.to}`;
      const source = literal ? literal.sources.find((s) => WORLD.has(s))! : `${cidrs.map((c) => c.text).join(' + ')} (together every address)`;
      problems.push(blockProblem('tf-admin-port-world', first.block, `/resource/${first.block.type}/${first.block.name}`, `resource.${first.block.where}: opens ${port.what} (${ports}) to ${source}`));
    }
  }
}

function range([from, to]: [number, number]): { from: number; to: number } {
  return { from, to };
}

function asStrings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

// ---- encryption -----------------------------------------------------------------------------

const isTrue = (value: unknown): boolean => value === true || value === 'true';

function checkEncryption(r: Block, problems: Problem[]): void {
  const b = r.body;
  const need = (ok: boolean, what: string): void => {
    if (!ok) problems.push(blockProblem('tf-unencrypted', r, `/resource/${r.type}/${r.name}`, `resource.${r.where}: ${what} is not encrypted`));
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
function checkBuckets(resources: Block[], problems: Problem[]): void {
  const refersTo = (body: Record<string, unknown>, bucket: Block): boolean =>
    body.bucket === `\${aws_s3_bucket.${bucket.name}.id}` || body.bucket === `\${aws_s3_bucket.${bucket.name}.bucket}`;
  const companion = (type: string, bucket: Block): Block | undefined => resources.find((r) => r.type === type && refersTo(r.body, bucket));
  for (const bucket of resources.filter((r) => r.type === 'aws_s3_bucket')) {
    const versioning = companion('aws_s3_bucket_versioning', bucket);
    const at = `/resource/aws_s3_bucket/${bucket.name}`;
    if (asList(versioning?.body.versioning_configuration)[0]?.status !== 'Enabled') problems.push(blockProblem('tf-bucket-versioning', bucket, at, `resource.${bucket.where}: versioning is not enabled`));
    if (!companion('aws_s3_bucket_server_side_encryption_configuration', bucket)) {
      problems.push(blockProblem('tf-bucket-encryption', bucket, at, `resource.${bucket.where}: default encryption is not configured`));
    }
    const block = companion('aws_s3_bucket_public_access_block', bucket);
    const flags = ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'];
    if (!block || flags.some((f) => !isTrue(block.body[f]))) {
      problems.push(blockProblem('tf-bucket-public-access', bucket, at, `resource.${bucket.where}: public access is not fully blocked (${flags.join(', ')})`));
    }
  }
}
