import type { Problem } from '@wavesmith/model';
import { parse } from 'yaml';

/**
 * The cloud-init modules Ubuntu runs, in order, with the top-level cloud-config keys each reads:
 * module order from canonical/cloud-init 24.4 config/cloud.cfg.tmpl (init, config, final
 * stages), keys from the `cc_<module>` definitions of its
 * cloudinit/config/schemas/schema-cloud-config-v1.json. A key no module reads is ignored by
 * cloud-init without an error, so a misspelt step would silently not happen.
 */
export const CLOUD_INIT_MODULES: readonly { readonly module: string; readonly keys: readonly string[] }[] = [
  { module: 'bootcmd', keys: ['bootcmd'] },
  { module: 'write_files', keys: ['write_files'] },
  { module: 'growpart', keys: ['growpart'] },
  { module: 'resizefs', keys: ['resize_rootfs'] },
  { module: 'disk_setup', keys: ['device_aliases', 'disk_setup', 'fs_setup'] },
  { module: 'mounts', keys: ['mounts', 'mount_default_fields', 'swap'] },
  { module: 'set_hostname', keys: ['preserve_hostname', 'hostname', 'fqdn', 'prefer_fqdn_over_hostname', 'create_hostname_file'] },
  { module: 'update_etc_hosts', keys: ['manage_etc_hosts'] },
  { module: 'ca_certs', keys: ['ca_certs'] },
  { module: 'users_groups', keys: ['groups', 'user', 'users'] },
  { module: 'ssh', keys: ['ssh_keys', 'ssh_authorized_keys', 'ssh_deletekeys', 'ssh_genkeytypes', 'disable_root', 'disable_root_opts', 'allow_public_ssh_keys', 'ssh_quiet_keygen', 'ssh_publish_hostkeys'] },
  { module: 'set_passwords', keys: ['ssh_pwauth', 'chpasswd', 'password'] },
  { module: 'snap', keys: ['snap'] },
  { module: 'ssh_import_id', keys: ['ssh_import_id'] },
  { module: 'keyboard', keys: ['keyboard'] },
  { module: 'locale', keys: ['locale', 'locale_configfile'] },
  { module: 'apt_pipelining', keys: ['apt_pipelining'] },
  { module: 'apt_configure', keys: ['apt'] },
  { module: 'ntp', keys: ['ntp'] },
  { module: 'timezone', keys: ['timezone'] },
  { module: 'runcmd', keys: ['runcmd'] },
  { module: 'package_update_upgrade_install', keys: ['packages', 'package_update', 'package_upgrade', 'package_reboot_if_required'] },
  { module: 'final_message', keys: ['final_message'] },
  { module: 'power_state_change', keys: ['power_state'] },
];

/** EC2 takes at most 16 KB of user data before base64 encoding (EC2 user guide, "Run commands when you launch an EC2 instance with user data input"). */
export const EC2_USER_DATA_LIMIT = 16384;

const MODULE_OF = new Map(CLOUD_INIT_MODULES.flatMap((m, i) => m.keys.map((k) => [k, { module: m.module, position: i }] as const)));
const PERMISSIONS = /^0?[0-7]{3}$/;

/**
 * Problems of a `#cloud-config` user data document: it parses, every key is read by a module,
 * keys follow the order cloud-init runs their modules (so the file reads in execution order),
 * the keys our nodes use have the shape cloud-init expects, the runcmd script stops at the first
 * failing command (cloud-init runs it as one `#!/bin/sh` script without `-e`), and it fits EC2's
 * user data limit.
 */
export function checkCloudConfig(text: string): Problem[] {
  // Nodes of one role share their user data, and fleets share profiles: each text is parsed once.
  let problems = checked.get(text);
  if (problems === undefined) {
    if (checked.size >= CHECKED_LIMIT) checked.delete(checked.keys().next().value!);
    problems = checkText(text);
    checked.set(text, problems);
  }
  return [...problems];
}

const checked = new Map<string, readonly Problem[]>();
const CHECKED_LIMIT = 256;

function checkText(text: string): Problem[] {
  const invalid = (message: string): Problem => ({ rule: 'cloud-config-invalid', message });
  if (!text.startsWith('#cloud-config\n')) return [invalid('does not start with the "#cloud-config" line, so cloud-init would not read it as cloud-config')];
  const problems: Problem[] = [];
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > EC2_USER_DATA_LIMIT) problems.push({ rule: 'user-data-too-large', message: `is ${bytes} bytes; EC2 accepts at most ${EC2_USER_DATA_LIMIT}` });
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (error) {
    return [...problems, invalid(`is not valid YAML: ${(error as Error).message.split('\n')[0]}`)];
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return [...problems, invalid('is not a YAML mapping of cloud-config keys')];
  let last: { key: string; module: string; position: number } | undefined;
  for (const [key, value] of Object.entries(doc)) {
    const known = MODULE_OF.get(key);
    if (!known) {
      problems.push(invalid(`key "${key}" is read by no cloud-init module (known keys: ${[...MODULE_OF.keys()].join(', ')})`));
      continue;
    }
    if (last && known.position < last.position) {
      problems.push({ rule: 'cloud-config-order', message: `key "${key}" (module ${known.module}) comes after "${last.key}" (module ${last.module}), which cloud-init runs later` });
    }
    last = { key, ...known };
    for (const message of checkShape(key, value)) problems.push({ rule: message.startsWith('runcmd does not start') ? 'cloud-config-set-e' : 'cloud-config-invalid', message });
  }
  return problems;
}

function checkShape(key: string, value: unknown): string[] {
  switch (key) {
    case 'write_files':
      return eachOf(value, key, (file, at) => checkFile(file, at));
    case 'bootcmd':
      return eachOf(value, key, commandProblem);
    case 'runcmd': {
      const problems = eachOf(value, key, commandProblem);
      const first = Array.isArray(value) ? value[0] : undefined;
      if (!(typeof first === 'string' && /^set -e/.test(first))) {
        problems.push('runcmd does not start with "set -e": cloud-init runs it as one sh script that would carry on after a failed command');
      }
      return problems;
    }
    case 'packages':
      return eachOf(value, key, (p, at) => (typeof p === 'string' ? [] : [`${at} is ${JSON.stringify(p)}: a package name`]));
    case 'package_update':
    case 'package_upgrade':
      return typeof value === 'boolean' ? [] : [`${key} is ${JSON.stringify(value)}: true or false`];
    case 'snap':
      return eachOf((value as { commands?: unknown } | null)?.commands, 'snap.commands', commandProblem);
    default:
      return [];
  }
}

/** Problems of each item of a list, or that it is not a list. */
function eachOf(value: unknown, at: string, check: (item: unknown, at: string) => string[]): string[] {
  if (!Array.isArray(value)) return [`${at} is ${JSON.stringify(value)}: a list`];
  return value.flatMap((item, i) => check(item, `${at}[${i}]`));
}

function commandProblem(c: unknown, at: string): string[] {
  const ok = typeof c === 'string' || (Array.isArray(c) && c.length > 0 && c.every((a) => typeof a === 'string'));
  return ok ? [] : [`${at} is ${JSON.stringify(c)}: a command is a string or a list of strings`];
}

function checkFile(file: unknown, at: string): string[] {
  if (typeof file !== 'object' || file === null) return [`${at} is not a file entry`];
  const f = file as Record<string, unknown>;
  const problems: string[] = [];
  if (typeof f.path !== 'string' || !f.path.startsWith('/')) problems.push(`${at}.path is ${JSON.stringify(f.path)}: an absolute path`);
  if (typeof f.content !== 'string') problems.push(`${at}.content is ${JSON.stringify(f.content)}: the file's text`);
  if (f.permissions !== undefined && !(typeof f.permissions === 'string' && PERMISSIONS.test(f.permissions))) {
    problems.push(`${at}.permissions is ${JSON.stringify(f.permissions)}: an octal mode as a string, such as "0600"`);
  }
  if (f.defer !== undefined && typeof f.defer !== 'boolean') problems.push(`${at}.defer is ${JSON.stringify(f.defer)}: true or false`);
  const unknown = Object.keys(f).filter((k) => !['path', 'content', 'owner', 'permissions', 'encoding', 'append', 'defer', 'source'].includes(k));
  if (unknown.length > 0) problems.push(`${at} has unknown fields ${unknown.join(', ')}`);
  return problems;
}
