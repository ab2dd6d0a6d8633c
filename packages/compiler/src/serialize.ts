import { createHash } from 'node:crypto';
import { stringify } from 'yaml';
import type { KubeObject } from '@wavesmith/model';

/** Fields Kubernetes readers expect first; everything else, at every depth, is sorted (as kustomize does). */
const LEADING_KEYS = ['apiVersion', 'kind', 'metadata'];

/** A copy with keys in canonical order, so that output bytes depend only on content. */
export function canonical(value: unknown, depth = 0): unknown {
  if (Array.isArray(value)) return value.map((v) => canonical(v, depth + 1));
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  entries.sort(([a], [b]) => keyRank(a, depth) - keyRank(b, depth) || (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([k, v]) => [k, canonical(v, depth + 1)]));
}

function keyRank(key: string, depth: number): number {
  const i = depth === 0 ? LEADING_KEYS.indexOf(key) : -1;
  return i === -1 ? LEADING_KEYS.length : i;
}

/** One YAML document per object, `---` separated, keys canonical, no line folding. */
export function toYaml(objects: readonly KubeObject[]): string {
  return objects.map((o) => stringify(canonical(o), { lineWidth: 0, aliasDuplicateObjects: false })).join('---\n');
}

/** JSON with two-space indent and a final newline; key order as given (producers are deterministic). */
export function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

export function sha256(content: string): string {
  return createHash('sha256').update(content).digest('hex');
}
