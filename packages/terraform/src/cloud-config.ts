import { Document, isSeq } from 'yaml';

/** A file cloud-init's write_files module writes before anything is installed. */
export interface CloudFile {
  /** Absolute path. */
  readonly path: string;
  readonly content: string;
  /** Octal mode. @default 0644 */
  readonly permissions?: string;
  /**
   * Written in the final stage, after packages install and before the commands run (module
   * write_files_deferred), for files that would break the package step (an apt source whose
   * key the commands fetch). @default false
   */
  readonly defer?: boolean;
}

/**
 * A command of the runcmd script: an argument list, which cloud-init quotes and runs without
 * shell expansion, or one line of shell (for redirections and loops).
 */
export type CloudCommand = readonly string[] | string;

/** One step of a node's first boot: the files it needs, what it installs, and its commands. */
export interface BootStep {
  /** What the step does (`kernel modules`), for messages and tests. */
  readonly name: string;
  /** @default none */
  readonly files?: readonly CloudFile[];
  /** Snaps installed with `--classic` in the config stage. @default none */
  readonly snaps?: readonly string[];
  /** Ubuntu packages installed in the final stage, before the commands run. @default none */
  readonly packages?: readonly string[];
  /** @default none */
  readonly commands?: readonly CloudCommand[];
}

/** The first runcmd line: cloud-init runs the commands as one `#!/bin/sh` script, which otherwise carries on after a failed step. */
export const STOP_ON_FAILURE = 'set -eu';

/**
 * The user data of a node: a `#cloud-config` document built as data and serialised by the yaml
 * library. Keys come in the order cloud-init runs their modules on Ubuntu (cloud-init 24.4
 * config/cloud.cfg.tmpl): write_files in the init stage; snap and runcmd in the config stage
 * (runcmd only writes its script there); package_update/packages, then the runcmd script, in
 * the final stage. So files exist before packages install, and packages before any command.
 */
export function renderCloudConfig(steps: readonly BootStep[]): string {
  const files = steps.flatMap((s) => s.files ?? []);
  const snaps = [...new Set(steps.flatMap((s) => s.snaps ?? []))];
  const packages = [...new Set(steps.flatMap((s) => s.packages ?? []))];
  const commands = steps.flatMap((s) => s.commands ?? []);
  const paths = files.map((f) => f.path);
  const twice = paths.find((p, i) => paths.indexOf(p) !== i);
  if (twice !== undefined) throw new Error(`cloud-config: two steps write ${twice}`);
  const doc = {
    write_files: files.length > 0 ? files.map((f) => ({ path: f.path, content: f.content, owner: 'root:root', permissions: f.permissions ?? '0644', defer: f.defer || undefined })) : undefined,
    snap: snaps.length > 0 ? { commands: snaps.map((name) => ['snap', 'install', name, '--classic']) } : undefined,
    runcmd: commands.length > 0 ? [STOP_ON_FAILURE, ...commands] : undefined,
    package_update: packages.length > 0 ? true : undefined,
    packages: packages.length > 0 ? packages : undefined,
  };
  const yaml = new Document(doc);
  // An argument list reads best on one line: `- [modprobe, overlay]`.
  for (const key of ['runcmd', 'snap']) {
    const list = key === 'snap' ? yaml.getIn(['snap', 'commands'], true) : yaml.get(key, true);
    if (isSeq(list)) for (const item of list.items) if (isSeq(item)) item.flow = true;
  }
  return `#cloud-config\n${yaml.toString({ lineWidth: 0 })}`;
}
