/**
 * What a build wrote (dist/ and argocd-apps/ of a fleet), read back for the benchmark's own
 * use: its size, the floor's input and the kustomize layout. Read after a build, never timed.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadAll } from 'js-yaml';

/** One output file as the floor writes it: YAML from objects, JSON from a value, anything else as text. */
export type FloorFile =
  | { readonly path: string; readonly objects: unknown[] }
  | { readonly path: string; readonly json: unknown }
  | { readonly path: string; readonly text: string };

export interface OutputFile {
  readonly path: string;
  readonly content: string;
}

export interface OutputSize {
  readonly objects: number;
  readonly files: number;
  readonly bytes: number;
}

/** Every file under dist/ and argocd-apps/, by path relative to the root, sorted. */
export function readOutput(root: string): OutputFile[] {
  const files: OutputFile[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.push({ path: relative(root, path), content: readFileSync(path, 'utf8') });
    }
  };
  for (const top of ['dist', 'argocd-apps']) walk(join(root, top));
  return files.sort((a, b) => (a.path < b.path ? -1 : 1));
}

/** YAML documents of one file: our writer separates them by `---` lines. */
export function documents(content: string): string[] {
  return content.split(/^---\n/m);
}

export function outputSize(files: readonly OutputFile[]): OutputSize {
  const yaml = files.filter((f) => f.path.endsWith('.yaml'));
  return {
    objects: yaml.reduce((n, f) => n + documents(f.content).length, 0),
    files: files.length,
    bytes: files.reduce((n, f) => n + Buffer.byteLength(f.content), 0),
  };
}

/** Writes the floor's input: the same objects, JSON values and texts as the output. */
export function writeFloorInput(files: readonly OutputFile[], target: string): void {
  const input: FloorFile[] = files.map(({ path, content }) =>
    path.endsWith('.yaml') ? { path, objects: loadAll(content) } : path.endsWith('.json') ? { path, json: JSON.parse(content) } : { path, text: content },
  );
  writeFileSync(target, JSON.stringify(input));
}
