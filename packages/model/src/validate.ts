import { Type, type TObject } from '@sinclair/typebox';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { parseCidr } from './cidr.js';
import { buildContext } from './context.js';
import type { SpecIssue } from './errors.js';
import { appItemSchema, platformItemSchema, type SpecRegistry } from './registry.js';
import { SPEC_RULES } from './rules/index.js';
import { closest } from './suggest.js';
import { clusterSpecFields, type ClusterSpec } from './spec.js';

const FORMATS: Record<string, { validate: (s: string) => boolean; allowed: string }> = {
  'ipv4-cidr': {
    validate: (s) => parseCidr(s) !== undefined,
    allowed: 'an IPv4 CIDR block with no host bits set, such as 10.0.0.0/16',
  },
  uuid: {
    validate: (s) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s),
    allowed: 'a UUID such as 00000000-0000-0000-0000-000000000000',
  },
};

const ajv = new Ajv({ allErrors: true, verbose: true, useDefaults: true, strict: true });
ajv.addKeyword('x-allowed');
for (const [name, { validate }] of Object.entries(FORMATS)) ajv.addFormat(name, validate);

/** The JSON Schema of a cluster description whose `platform:` and `apps:` entries are those of `registry`. */
export function clusterSpecSchema(registry: SpecRegistry): TObject {
  return Type.Object(clusterSpecFields(platformItemSchema(registry), appItemSchema(registry)), { additionalProperties: false, title: 'Wavesmith cluster description' });
}

// Compiled once per registry: a build validates every cluster against the same one.
const compiled = new WeakMap<SpecRegistry, ValidateFunction<ClusterSpec>>();

function validatorFor(registry: SpecRegistry): ValidateFunction<ClusterSpec> {
  let validate = compiled.get(registry);
  if (!validate) {
    validate = ajv.compile<ClusterSpec>(clusterSpecSchema(registry));
    compiled.set(registry, validate);
  }
  return validate;
}

/** Compiles the validator of `registry` now, ahead of the first cluster (a render worker does while the build still reads its inputs). */
export function prepareValidator(registry: SpecRegistry): void {
  validatorFor(registry);
}

export interface ValidationResult {
  /** The spec with defaults filled in, when there were no issues. */
  readonly spec?: ClusterSpec;
  readonly issues: readonly SpecIssue[];
}

/**
 * Checks a composed cluster description against the schema assembled from `registry`, then the
 * semantic rules (the core ones, then each entry's own). Defaults are filled into a copy; the
 * input is never modified.
 */
export function validateCluster(input: unknown, file: string, registry: SpecRegistry): ValidationResult {
  const data = structuredClone(input);
  const cluster = clusterLabel(data, file);
  const issue = (path: string, value: unknown, allowed: string): SpecIssue => ({ cluster, file, path, value, allowed });
  const validateSchema = validatorFor(registry);
  if (!validateSchema(data)) {
    // An `if` error only says that some `then` branch failed; that branch's own errors say what.
    const errors = (validateSchema.errors ?? []).filter((e) => e.keyword !== 'if');
    return { issues: dedupe(errors.map((e) => fromAjv(e, issue))) };
  }
  const issues: SpecIssue[] = [];
  const report = (path: string, value: unknown, allowed: string) => issues.push(issue(path, value, allowed));
  const { context, conflicts } = buildContext(data, registry);
  for (const c of conflicts) report('', c.what, `${c.what} provided once (by ${c.first}, not also by ${c.second})`);
  for (const rule of SPEC_RULES) rule(data, report, context, registry);
  return issues.length > 0 ? { issues } : { spec: data, issues };
}

function clusterLabel(data: unknown, file: string): string {
  const name = (data as { name?: unknown } | null)?.name;
  if (typeof name === 'string' && name.length > 0) return name;
  return file.replace(/^.*\//, '').replace(/\.[cm]?[jt]s$/, '');
}

type MakeIssue = (path: string, value: unknown, allowed: string) => SpecIssue;

function fromAjv(error: ErrorObject, issue: MakeIssue): SpecIssue {
  const parent = (error.parentSchema ?? {}) as Record<string, unknown>;
  const described = typeof parent['x-allowed'] === 'string' ? (parent['x-allowed'] as string) : undefined;
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const field = String(p.additionalProperty);
      const value = (error.data as Record<string, unknown>)[field];
      const path = `${error.instancePath}/${escapePointer(field)}`;
      if (parent.patternProperties) return issue(path, value, described ?? 'a key matching the allowed pattern');
      const known = Object.keys((parent.properties as object | undefined) ?? {});
      const hint = closest(field, known);
      return issue(path, value, `${hint ? `did you mean "${hint}"? ` : ''}known fields here: ${known.join(', ')}`);
    }
    case 'required':
      return issue(`${error.instancePath}/${escapePointer(String(p.missingProperty))}`, undefined, 'a value: this field is required');
    case 'enum':
      return issue(error.instancePath, error.data, described ?? `one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`);
    case 'not':
      return issue(error.instancePath, error.data, described ?? 'a different value');
    case 'format':
      return issue(error.instancePath, error.data, described ?? FORMATS[String(p.format)]?.allowed ?? `a ${String(p.format)}`);
    case 'pattern':
      return issue(error.instancePath, error.data, described ?? `a string matching ${String(p.pattern)}`);
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return issue(error.instancePath, error.data, `a number ${String(p.comparison)} ${String(p.limit)}`);
    case 'minItems':
      return issue(error.instancePath, error.data, `a list of at least ${String(p.limit)} item${p.limit === 1 ? '' : 's'}`);
    case 'maxItems':
      return issue(error.instancePath, error.data, `a list of at most ${String(p.limit)} items`);
    case 'minLength':
    case 'maxLength':
      return issue(error.instancePath, error.data, described ?? `a string of ${error.keyword === 'minLength' ? 'at least' : 'at most'} ${String(p.limit)} characters`);
    case 'type':
      return issue(error.instancePath, error.data, described ?? `a value of type ${String(p.type)}`);
    default:
      return issue(error.instancePath, error.data, described ?? error.message ?? error.keyword);
  }
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

function dedupe(issues: SpecIssue[]): SpecIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.path}\u0000${i.allowed}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
