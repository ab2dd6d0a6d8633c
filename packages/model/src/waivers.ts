import { Type, type Static } from '@sinclair/typebox';
import { RULE_ID_PATTERN, specMessage, toFinding, type Finding, type RuleCatalogue } from './finding.js';
import { allowed, DnsLabel } from './schema-helpers.js';
import type { ClusterSpec } from './spec.js';
import { closest } from './suggest.js';
import { optInRules, type UnsafeOptIn } from './workload-schemas.js';

/**
 * Waivers: an accepted finding, written in the cluster spec with the reason it is accepted and,
 * optionally, until when. Like kube-linter's ignore annotations and Checkov's skip comments, but
 * reviewed where the cluster is described, scoped to a component or an object, and reported
 * back when they expire or no longer match anything. Some rules can never be waived.
 */
export const WaiverSchema = Type.Object(
  {
    /** The rule waived (docs/rules.md). */
    rule: Type.String({ pattern: RULE_ID_PATTERN, ...allowed('a rule id of docs/rules.md, such as pod-run-as-root') }),
    /** Why the finding is accepted, in a sentence. */
    reason: Type.String({ minLength: 10, pattern: '\\S', ...allowed('why the finding is accepted, in a sentence (at least 10 characters)') }),
    /** Only findings of this platform component, app entry or Argo CD Application. @default every component */
    component: Type.Optional(DnsLabel),
    /** Only findings of this object. @default every object */
    object: Type.Optional(
      Type.Object(
        { kind: Type.String({ minLength: 1 }), name: Type.String({ minLength: 1 }), namespace: Type.Optional(Type.String({ minLength: 1 })) },
        { additionalProperties: false },
      ),
    ),
    /** Last day the waiver applies, as YYYY-MM-DD (UTC). @default no expiry */
    expires: Type.Optional(Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$', ...allowed('a date as YYYY-MM-DD, such as 2026-06-30') })),
  },
  { additionalProperties: false },
);
export type WaiverSpec = Static<typeof WaiverSchema>;

/** A waiver in force for one cluster: written in `waivers:`, or an `allowUnsafe` opt-in of a workload. */
export interface Waiver {
  readonly rule: string;
  /** For `allowUnsafe.capabilities`: only findings of these values. */
  readonly values?: readonly string[];
  readonly reason: string;
  readonly expires?: string;
  readonly component?: string;
  readonly object?: WaiverSpec['object'];
  /** Only findings whose spec value lies below this JSON Pointer (the workload of an opt-in). */
  readonly scope?: string;
  /** JSON Pointer of the waiver in the spec, where findings about it point. */
  readonly at: string;
}

/**
 * Every waiver of a validated spec: its `waivers:` list, and each `allowUnsafe` opt-in of a
 * workload (anywhere in an app or platform entry), which waives the Pod Security rules it names
 * for that workload only, in the spec and in the rendered pods alike.
 */
export function collectWaivers(spec: Pick<ClusterSpec, 'apps' | 'platform'> & { readonly waivers?: readonly WaiverSpec[] }): Waiver[] {
  const waivers: Waiver[] = (spec.waivers ?? []).map((w, i) => ({ ...w, at: `/waivers/${i}` }));
  const visit = (value: unknown, at: string): void => {
    if (Array.isArray(value)) value.forEach((v, i) => visit(v, `${at}/${i}`));
    else if (typeof value === 'object' && value !== null) {
      const optIn = (value as { allowUnsafe?: UnsafeOptIn }).allowUnsafe;
      if (optIn !== undefined && typeof optIn.reason === 'string') {
        for (const { rule, values } of optInRules(optIn)) {
          waivers.push({ rule, reason: optIn.reason, scope: at, at: `${at}/allowUnsafe`, ...(values ? { values } : {}) });
        }
      }
      for (const [key, v] of Object.entries(value)) if (key !== 'allowUnsafe') visit(v, `${at}/${key}`);
    }
  };
  visit(spec.platform, '/platform');
  visit(spec.apps, '/apps');
  return waivers;
}

export interface WaiverContext {
  readonly cluster: string;
  readonly spec: Pick<ClusterSpec, 'apps' | 'platform'>;
  /** Every rule there is, spec-level and output-level. */
  readonly rules: RuleCatalogue;
  /** Today, as YYYY-MM-DD (UTC): waivers that expired before it no longer apply. */
  readonly today: string;
  /**
   * Which findings about the waivers themselves to add: all; all but `waiver-unused` (when the
   * cluster's output was not checked, so what a waiver covers is not known); or none (when only
   * the spec is checked, to decide whether it can be rendered).
   */
  readonly judge: 'all' | 'all-but-unused' | 'none';
}

/**
 * Marks the findings each waiver covers and adds the findings about the waivers themselves: an
 * unknown rule, a rule that cannot be waived, an expired waiver, and one that covers nothing.
 */
export function applyWaivers(findings: readonly Finding[], waivers: readonly Waiver[], context: WaiverContext): Finding[] {
  const { rules, today } = context;
  const result: Finding[] = [];
  const about = (rule: string, waiver: Waiver, value: unknown, allowed: string): Finding =>
    toFinding({ rule, path: waiver.at, specPath: waiver.at, value, allowed, message: specMessage(value, allowed) }, context.cluster, rules);
  const usable: Waiver[] = [];
  const judged = context.judge !== 'none';
  for (const waiver of waivers) {
    const rule = rules.get(waiver.rule);
    if (!judged) {
      if (waiver.expires === undefined || waiver.expires >= today) usable.push(waiver);
    } else if (rule === undefined) {
      const hint = closest(waiver.rule, [...rules.keys()]);
      result.push(about('waiver-unknown-rule', waiver, waiver.rule, `${hint ? `did you mean "${hint}"? ` : ''}a rule id of docs/rules.md`));
    } else if (!rule.waivable) {
      result.push(about('waiver-not-waivable', waiver, waiver.rule, `no waiver: ${waiver.rule} can never be waived (${rule.summary}); fix the finding`));
    } else if (waiver.expires !== undefined && waiver.expires < today) {
      result.push(about('waiver-expired', waiver, waiver.expires, `a date from ${today} on, or no waiver: it expired, so its findings count again`));
    } else usable.push(waiver);
  }
  const used = new Set<Waiver>();
  for (const finding of findings) {
    const waiver = usable.find((w) => covers(w, finding, context.spec));
    if (waiver === undefined) result.push(finding);
    else {
      used.add(waiver);
      result.push({ ...finding, waived: { reason: waiver.reason, specPath: waiver.at, ...(waiver.expires ? { expires: waiver.expires } : {}) } });
    }
  }
  if (context.judge === 'all') {
    for (const waiver of usable) {
      if (!used.has(waiver)) result.push(about('waiver-unused', waiver, waiver.rule, `a waiver that covers a finding, or none: no ${waiver.rule} finding${waiver.component ? ` of ${waiver.component}` : ''}${waiver.object ? ` on ${waiver.object.kind} ${waiver.object.name}` : ''} needs it`));
    }
  }
  return result;
}

function covers(waiver: Waiver, finding: Finding, spec: WaiverContext['spec']): boolean {
  if (waiver.rule !== finding.rule) return false;
  if (waiver.values !== undefined && !waiver.values.includes(String(finding.value))) return false;
  if (waiver.scope !== undefined && !(finding.specPath !== undefined && (finding.specPath === waiver.scope || finding.specPath.startsWith(`${waiver.scope}/`)))) return false;
  if (waiver.component !== undefined && finding.component !== waiver.component && entryName(spec, finding.specPath) !== waiver.component) return false;
  const object = waiver.object;
  if (object !== undefined) {
    const o = finding.object;
    if (o === undefined || o.kind !== object.kind || o.name !== object.name || (object.namespace !== undefined && o.namespace !== object.namespace)) return false;
  }
  return true;
}

/** The name of the platform or app entry a spec pointer lies in. */
function entryName(spec: WaiverContext['spec'], pointer: string | undefined): string | undefined {
  const m = /^\/(platform|apps)\/(\d+)(\/|$)/.exec(pointer ?? '');
  if (!m) return undefined;
  return (m[1] === 'platform' ? spec.platform : spec.apps)[Number(m[2])]?.name;
}
