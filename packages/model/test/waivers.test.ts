import { describe, expect, it } from 'vitest';
import { applyWaivers, collectWaivers, ruleCatalogue, type Finding, type RuleDoc } from '../src/index.js';
import { POD_SECURITY_RULES, WAIVER_RULES } from '../src/spec-rules.js';

const rules = ruleCatalogue(POD_SECURITY_RULES, WAIVER_RULES, [
  { id: 'pod-privileged', severity: 'error', waivable: true, summary: 'privileged', fix: 'do not' },
  { id: 'secret-literal-data', severity: 'error', waivable: false, summary: 'a Secret with data', fix: 'by reference' },
] satisfies RuleDoc[]);

const finding = (rule: string, more: Partial<Finding> = {}): Finding => ({ rule, severity: 'error', cluster: 'demo', message: 'found', ...more });
const spec = (waivers: unknown[], apps: unknown[] = []) => ({ platform: [{ name: 'agent' }], apps, waivers }) as never;
const context = (s: never, judge: 'all' | 'all-but-unused' | 'none' = 'all') => ({ cluster: 'demo', spec: s, rules, today: '2025-06-01', judge });
const summary = (findings: readonly Finding[]) => findings.map((f) => [f.rule, f.path ?? f.object?.name, f.waived?.reason]);

describe('waivers', () => {
  it('waive the findings of their rule, component and object, with their reason, and nothing else', () => {
    const s = spec([{ rule: 'pod-privileged', component: 'agent', object: { kind: 'DaemonSet', name: 'agent' }, reason: 'a node agent that needs the host' }]);
    const findings = [
      finding('pod-privileged', { component: 'agent', object: { kind: 'DaemonSet', name: 'agent' } }),
      finding('pod-privileged', { component: 'agent', object: { kind: 'DaemonSet', name: 'other' } }),
      finding('pod-privileged', { component: 'web', object: { kind: 'DaemonSet', name: 'agent' } }),
    ];
    expect(summary(applyWaivers(findings, collectWaivers(s), context(s)))).toEqual([
      ['pod-privileged', 'agent', 'a node agent that needs the host'],
      ['pod-privileged', 'other', undefined],
      ['pod-privileged', 'agent', undefined],
    ]);
  });

  it('report an unknown rule, a rule that cannot be waived, an expired waiver and an unused one, and waive nothing with them', () => {
    const s = spec([
      { rule: 'pod-privilegd', reason: 'a typo in the rule id' },
      { rule: 'secret-literal-data', reason: 'a fixture for now' },
      { rule: 'pod-privileged', reason: 'the old agent', expires: '2025-05-31' },
      { rule: 'pod-seccomp', reason: 'nothing needs this any more' },
    ]);
    const result = applyWaivers([finding('secret-literal-data'), finding('pod-privileged')], collectWaivers(s), context(s));
    expect(result.map((f) => [f.rule, f.severity, f.path, f.waived === undefined])).toEqual([
      ['waiver-unknown-rule', 'error', '/waivers/0', true],
      ['waiver-not-waivable', 'error', '/waivers/1', true],
      ['waiver-expired', 'warning', '/waivers/2', true],
      ['secret-literal-data', 'error', undefined, true],
      ['pod-privileged', 'error', undefined, true],
      ['waiver-unused', 'warning', '/waivers/3', true],
    ]);
    expect(result[0]!.message).toBe('got "pod-privilegd"; allowed: did you mean "pod-privileged"? a rule id of docs/rules.md');
  });

  it('apply on their last day, and only report unused waivers once the output was checked', () => {
    const s = spec([{ rule: 'pod-seccomp', reason: 'until the agent is replaced', expires: '2025-06-01' }]);
    expect(summary(applyWaivers([finding('pod-seccomp')], collectWaivers(s), context(s)))).toEqual([['pod-seccomp', undefined, 'until the agent is replaced']]);
    expect(applyWaivers([], collectWaivers(s), context(s, 'all-but-unused'))).toEqual([]);
    expect(applyWaivers([], collectWaivers(s), context(s, 'none'))).toEqual([]);
  });

  it('make an allowUnsafe opt-in waive its rules for that workload only, capabilities by name', () => {
    const apps = [{ name: 'shop', chart: 'web', backend: { allowUnsafe: { reason: 'the vendor image needs it', runAsRoot: true, capabilities: ['SYS_TIME'] } } }];
    const s = spec([], apps);
    expect(collectWaivers(s).map((w) => [w.rule, w.scope, w.values])).toEqual([
      ['pod-run-as-root', '/apps/0/backend', undefined],
      ['pod-capabilities', '/apps/0/backend', ['SYS_TIME']],
    ]);
    const findings = [
      finding('pod-run-as-root', { specPath: '/apps/0/backend/security/runAsUser' }),
      finding('pod-run-as-root', { specPath: '/apps/0/frontend/security/runAsUser' }),
      finding('pod-capabilities', { specPath: '/apps/0/backend/security/addCapabilities/0', value: 'SYS_TIME' }),
      finding('pod-capabilities', { specPath: '/apps/0/backend/security/addCapabilities/1', value: 'SYS_ADMIN' }),
    ];
    expect(applyWaivers(findings, collectWaivers(s), context(s)).map((f) => [f.specPath, f.waived?.specPath])).toEqual([
      ['/apps/0/backend/security/runAsUser', '/apps/0/backend/allowUnsafe'],
      ['/apps/0/frontend/security/runAsUser', undefined],
      ['/apps/0/backend/security/addCapabilities/0', '/apps/0/backend/allowUnsafe'],
      ['/apps/0/backend/security/addCapabilities/1', undefined],
    ]);
  });
});
