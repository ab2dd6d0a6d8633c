/**
 * Findings: what every check of Wavesmith reports, spec-level (the cluster description) and
 * output-level (what was rendered from it), in one shape that the text, JSON, SARIF and GitHub
 * formats print. Like kube-linter's and Checkov's, a finding names a stable rule id; unlike
 * theirs, it names the line of the cluster or profile file that produced the value.
 */

export const SEVERITIES = ['error', 'warning'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Rule ids are kebab-case, stable, and never reused for another check. */
export const RULE_ID_PATTERN = '^[a-z][a-z0-9]*(-[a-z0-9]+)*$';

/** Where a finding is fixed (see FindingSchema in finding-schema.ts for the published shape). */
export interface SourceLocation {
  /** Repository-relative path: a cluster or profile file, or the catalogue or app file whose default it is. */
  readonly file: string;
  /** 1-based; absent when only the file is known. */
  readonly line?: number;
  readonly column?: number;
}

/** A Kubernetes object (or, for Terraform, a block: kind `aws_vpc`, name `main`). */
export interface ObjectRef {
  readonly apiVersion?: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
}

/** What a check reports; the pipeline adds the cluster, the severity (from the rule) and the source location. */
export interface Problem {
  readonly rule: string;
  /** One line: what is wrong and what is allowed. */
  readonly message: string;
  readonly path?: string;
  readonly file?: string;
  readonly object?: ObjectRef;
  readonly component?: string;
  /** The offending value, for spec findings and for tracing an output value back to the spec. */
  readonly value?: unknown;
  /** What would be accepted, in words (spec findings). */
  readonly allowed?: string;
  readonly specPath?: string;
  /** The fields with the same cause (the first is `path`), each tried in turn to find the spec value behind the finding. */
  readonly evidence?: readonly { readonly path: string; readonly value: unknown }[];
}

export interface Finding extends Problem {
  readonly severity: Severity;
  readonly cluster: string;
  readonly source?: SourceLocation;
  /** The waiver that covers it: its reason, expiry, and where it is written (JSON Pointer and source). */
  readonly waived?: { readonly reason: string; readonly expires?: string; readonly specPath: string; readonly source?: SourceLocation };
}

/** The equivalent checks of other tools, for readers who know them. */
export interface Equivalents {
  readonly kubeLinter?: string;
  readonly polaris?: string;
  readonly checkov?: string;
}

/** A rule as the reference (docs/rules.md) documents it. */
export interface RuleDoc {
  readonly id: string;
  readonly severity: Severity;
  /** What it protects against, in one line. */
  readonly summary: string;
  /** How to fix a finding of it. */
  readonly fix: string;
  /** Whether a waiver in the cluster spec may cover it; some never may (a Secret with data, an admin port open to the world). */
  readonly waivable: boolean;
  readonly equivalents?: Equivalents;
}

/** A rule as documented: an error that no waiver may cover unless `more` says otherwise. */
export function defineRule(id: string, summary: string, fix: string, more: Partial<Omit<RuleDoc, 'id' | 'summary' | 'fix'>> = {}): RuleDoc {
  return { id, severity: 'error', waivable: false, summary, fix, ...more };
}

/** Rules by id. */
export type RuleCatalogue = ReadonlyMap<string, RuleDoc>;

/** A catalogue from a list, rejecting a malformed or repeated id (a mistake in our code, found by any test that loads it). */
export function ruleCatalogue(...lists: readonly (readonly RuleDoc[])[]): RuleCatalogue {
  const rules = new Map<string, RuleDoc>();
  const pattern = new RegExp(RULE_ID_PATTERN);
  for (const rule of lists.flat()) {
    if (!pattern.test(rule.id)) throw new Error(`rule id "${rule.id}" is not kebab-case`);
    const other = rules.get(rule.id);
    if (other !== undefined && other !== rule) throw new Error(`rule id "${rule.id}" is documented twice`);
    rules.set(rule.id, rule);
  }
  return rules;
}

/** A finding of `problem` on `cluster`, with the severity of its rule; an undocumented rule is a mistake in our code. */
export function toFinding(problem: Problem, cluster: string, rules: RuleCatalogue): Finding {
  const rule = rules.get(problem.rule);
  if (rule === undefined) throw new Error(`rule "${problem.rule}" is reported but not documented in any rule catalogue`);
  return { ...problem, cluster, severity: rule.severity };
}

/** The one-line message of a spec finding: the value given and what is allowed. */
export function specMessage(value: unknown, allowed: string): string {
  return `got ${formatValue(value)}; allowed: ${allowed}`;
}

export function formatValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/** `file:line:column`, or as much of it as is known. */
export function formatLocation(location: SourceLocation): string {
  return [location.file, location.line, location.line === undefined ? undefined : location.column].filter((p) => p !== undefined).join(':');
}

/** A finding in one line: where, severity, rule, what. */
export function formatFinding(finding: Finding): string {
  const where = finding.source ? formatLocation(finding.source) : finding.file ?? `clusters/${finding.cluster}.ts`;
  const at = finding.path ? ` ${finding.path}` : '';
  return `${where}: ${finding.waived ? 'waived' : finding.severity} [${finding.rule}] cluster ${finding.cluster}${finding.component ? `, ${finding.component}` : ''}${at}: ${finding.message}`;
}

/** True when a finding fails the build: an error that no waiver covers. */
export function isBlocking(finding: Finding): boolean {
  return finding.severity === 'error' && finding.waived === undefined;
}

/** Findings in the order every format prints them: by cluster, component, source file and line, then rule. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  const key = (f: Finding) => [f.cluster, f.component ?? '', f.source?.file ?? f.file ?? '', String(f.source?.line ?? 0).padStart(8, '0'), f.rule, f.path ?? '', f.message];
  return [...findings].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i]! < kb[i]! ? -1 : 1;
    return 0;
  });
}
