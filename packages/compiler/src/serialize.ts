import { createHash } from 'node:crypto';
import type { KubeObject } from '@wavesmith/model';
import { canonicalEntries, canonicalYaml } from './yaml-writer.js';

/** A copy with keys in canonical order (see canonicalEntries), so that output bytes depend only on content. */
export function canonical(value: unknown, depth = 0): unknown {
  if (Array.isArray(value)) return value.map((v) => canonical(v, depth + 1));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(canonicalEntries(value, depth).map(([k, v]) => [k, canonical(v, depth + 1)]));
}

/** One YAML document per object, `---` separated, keys canonical, no line folding. */
export function toYaml(objects: readonly KubeObject[]): string {
  return objects.map(canonicalYaml).join('---\n');
}

/** JSON with two-space indent and a final newline; key order as given (producers are deterministic). */
export function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

export function sha256(content: string): string {
  return createHash('sha256').update(content).digest('hex');
}
