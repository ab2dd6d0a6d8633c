import { Type, type TObject } from '@sinclair/typebox';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { parseCidr } from './cidr.js';
import { buildContext } from './context.js';
import { isBlocking, ruleCatalogue, specMessage, toFinding, type Finding, type RuleCatalogue } from './finding.js';
import { plainData } from './plain-data.js';
import { appItemSchema, platformItemSchema, type SpecRegistry } from './registry.js';
import { makeReport } from './rule.js';
import { SPEC_RULES } from './rules/index.js';
import { closest } from './suggest.js';
import { applyWaivers, collectWaivers } from './waivers.js';
import { LOAD_RULES, POD_SECURITY_RULES, SCHEMA_RULES, SEMANTIC_RULES, WAIVER_RULES } from './spec-rules.js';
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

// Ajv's optimiser halves the size of nothing we run often (one validation per cluster) and
// doubles the time to compile the cluster schema, which every render thread of a build pays.
const ajv = new Ajv({ allErrors: true, verbose: true, useDefaults: true, strict: true, code: { optimize: false } });
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
  /** The spec with defaults filled in, when it is valid: no finding blocks it once its own waivers apply. */
  readonly spec?: ClusterSpec;
  /** The spec with defaults filled in, when it passed the schema (semantic findings may still block it). */
  readonly parsed?: ClusterSpec;
  /** Every finding: schema, values JSON cannot print, and the semantic rules run on what validated. */
  readonly findings: readonly Finding[];
}

/** Every rule a spec can be reported under: the model's own and those the registry's components and apps document. */
export function specRules(registry: SpecRegistry): RuleCatalogue {
  let rules = catalogues.get(registry);
  if (!rules) {
    rules = ruleCatalogue(LOAD_RULES, SCHEMA_RULES, SEMANTIC_RULES, POD_SECURITY_RULES, WAIVER_RULES, ...registry.platform.map((c) => c.ruleDocs ?? []), ...registry.apps.map((a) => a.ruleDocs ?? []));
    catalogues.set(registry, rules);
  }
  return rules;
}
const catalogues = new WeakMap<SpecRegistry, RuleCatalogue>();

/**
 * Checks a composed cluster description against the schema assembled from `registry`, then the
 * semantic rules (the core ones, then each entry's own), and returns every finding at once.
 * When the schema rejects part of the spec, that part is left out and the semantic rules run on
 * what validated, so a typo does not hide the other problems; their findings about the parts
 * the schema rejected are dropped as repeats. Defaults are filled into a copy; the input is
 * never modified.
 */
export function validateCluster(input: unknown, file: string, registry: SpecRegistry): ValidationResult {
  const rules = specRules(registry);
  const { data, problems: notJson } = plainData(input);
  const cluster = clusterLabel(data, file);
  const findings: Finding[] = [];
  const add = (rule: string, path: string, value: unknown, allowed: string): void => {
    const component = componentAt(data, path);
    findings.push(toFinding({ rule, path, specPath: path, value, allowed, message: specMessage(value, allowed), ...(component ? { component } : {}) }, cluster, rules));
  };
  for (const p of notJson) add('value-not-json', p.path, p.value, `plain data: this is ${p.what}`);
  const validateSchema = validatorFor(registry);
  const valid = validateSchema(data);
  // An `if` error only says that some `then` branch failed; that branch's own errors say what.
  const errors = valid ? [] : (validateSchema.errors ?? []).filter((e) => e.keyword !== 'if');
  const rejected: string[] = notJson.map((p) => p.path);
  const schemaProblems = errors.map(fromAjv);
  for (const problem of dedupe(schemaProblems)) {
    if (!rejected.some((r) => within(problem.path, r))) add(problem.rule, problem.path, problem.value, problem.allowed);
  }
  rejected.push(...schemaProblems.map((p) => p.path));
  if (rejected.includes('') || typeof data !== 'object' || data === null) return { findings };
  for (const problem of schemaProblems) if (problem.rule !== 'schema-required') removeAt(data, problem.path);

  const semantic: Finding[] = [];
  const report = makeReport((rule, path, value, allowed) => {
    if (rule === undefined) throw new Error(`a semantic rule reported ${path} without a rule id`);
    if (rejected.some((r) => path !== '' && (within(path, r) || within(r, path)))) return;
    const before = findings.length;
    add(rule, path, value, allowed);
    semantic.push(...findings.splice(before));
  });
  const partial = rejected.length > 0;
  const run = (check: () => void): void => {
    if (!partial) return check();
    // On a spec the schema rejected in part, a rule may meet a value it cannot read; its findings would be repeats.
    try {
      check();
    } catch {
      /* skipped: the schema findings say what to fix first */
    }
  };
  run(() => {
    const { context, conflicts } = buildContext(data as ClusterSpec, registry);
    for (const c of conflicts) report('provision-conflict', '', c.what, `${c.what} provided once (by ${c.first}, not also by ${c.second})`);
    for (const rule of SPEC_RULES) run(() => rule(data as ClusterSpec, report, context, registry));
  });
  findings.push(...semantic);
  if (partial) return { findings };
  const parsed = data as ClusterSpec;
  const waived = applyWaivers(findings, collectWaivers(parsed), { cluster, spec: parsed, rules, today: new Date().toISOString().slice(0, 10), judge: 'none' });
  return waived.some(isBlocking) ? { parsed, findings } : { spec: parsed, parsed, findings };
}

/** A cluster's name for findings: the name it gives itself, or its file's base name when that is unusable. */
export function clusterLabel(data: unknown, file: string): string {
  const name = (data as { name?: unknown } | null)?.name;
  if (typeof name === 'string' && name.length > 0) return name;
  return file.replace(/^.*\//, '').replace(/\.[cm]?[jt]s$/, '');
}

/** True when `path` is `ancestor` or lies below it. */
function within(path: string, ancestor: string): boolean {
  return path === ancestor || path.startsWith(`${ancestor}/`);
}

/** Removes the value at a JSON Pointer, so that rules run on what validated. */
function removeAt(data: unknown, pointer: string): void {
  const segments = pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const last = segments.pop();
  let node = data as Record<string, unknown> | undefined;
  for (const s of segments) node = node?.[s] as Record<string, unknown> | undefined;
  if (node === undefined || node === null || last === undefined) return;
  if (Array.isArray(node)) node[Number(last)] = undefined;
  else delete node[last];
}

/** The name of the platform component or app entry a spec path lies in. */
function componentAt(data: unknown, path: string): string | undefined {
  const m = /^\/(platform|apps)\/(\d+)(\/|$)/.exec(path);
  if (!m) return undefined;
  const name = ((data as Record<string, { name?: unknown }[] | undefined>)[m[1]!]?.[Number(m[2])])?.name;
  return typeof name === 'string' ? name : undefined;
}

interface SchemaProblem {
  readonly rule: string;
  readonly path: string;
  readonly value: unknown;
  readonly allowed: string;
}

const KEYWORD_RULES: Readonly<Record<string, string>> = {
  additionalProperties: 'schema-unknown-field',
  required: 'schema-required',
  type: 'schema-type',
  enum: 'schema-enum',
  const: 'schema-enum',
  not: 'schema-format',
  format: 'schema-format',
  pattern: 'schema-format',
  minimum: 'schema-range',
  maximum: 'schema-range',
  exclusiveMinimum: 'schema-range',
  exclusiveMaximum: 'schema-range',
  minItems: 'schema-range',
  maxItems: 'schema-range',
  minLength: 'schema-range',
  maxLength: 'schema-range',
  uniqueItems: 'schema-range',
};

function fromAjv(error: ErrorObject): SchemaProblem {
  const rule = KEYWORD_RULES[error.keyword] ?? 'schema-invalid';
  const issue = (path: string, value: unknown, allowed: string): SchemaProblem => ({ rule, path, value, allowed });
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

function dedupe(issues: SchemaProblem[]): SchemaProblem[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.path}\u0000${i.allowed}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
