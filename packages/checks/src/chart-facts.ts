import { closest, kubeVersionFits, unknownValues, type ClusterSpec, type ComponentPlan, type Problem } from '@wavesmith/model';

/**
 * What Helm and Argo CD would refuse or silently drop, judged from the facts of each chart
 * version: a cluster version outside the chart's kubeVersion range (the chart does not render),
 * and value keys the chart does not read (Helm ignores them without a word). Charts without
 * facts (custom components) are not judged.
 */
export function checkChartFacts(spec: ClusterSpec, components: readonly ComponentPlan[]): Problem[] {
  const problems: Problem[] = [];
  for (const c of components) {
    const facts = c.chart?.facts;
    if (facts === undefined) continue;
    const chart = `chart ${facts.chart} ${facts.version}`;
    const source = `${facts.source.repository} ${facts.source.tag}`;
    if (!kubeVersionFits(facts, spec.kubernetesVersion)) {
      problems.push({
        rule: 'chart-kube-version',
        component: c.name,
        message: `Application ${c.name}: ${chart} requires Kubernetes ${facts.kubeVersion!.range} (${facts.kubeVersion!.file} at ${source}), but cluster ${spec.name} runs ${spec.kubernetesVersion}; allowed: a chart version whose range includes it, or another Kubernetes version`,
      });
    }
    for (const unknown of unknownValues(c.chart!.values, facts.values.keys)) {
      const key = unknown.path.slice(unknown.path.lastIndexOf('.') + 1);
      const hint = closest(key, unknown.known);
      const at = unknown.path.includes('.') ? ` under ${unknown.path.slice(0, unknown.path.lastIndexOf('.'))}` : '';
      const segments = unknown.path.split('.');
      const value = segments.reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], c.chart!.values);
      problems.push({
        rule: 'chart-values-unknown',
        component: c.name,
        path: `/values/${segments.join('/')}`,
        ...(value === undefined ? {} : { value }),
        message: `Application ${c.name}: values key ${unknown.path} is not read by ${chart} (${source}), so Helm would ignore it; allowed: ${hint ? `did you mean "${hint}"? ` : ''}the keys${at}: ${unknown.known.join(', ')}`,
      });
    }
  }
  return problems;
}
