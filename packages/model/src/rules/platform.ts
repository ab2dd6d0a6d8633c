import { isCustomComponent } from '../custom-component.js';
import { registeredComponent, type EntryRule } from '../registry.js';
import { makeReport, type Report, type SpecRule } from '../rule.js';

/**
 * A report for one entry's rules: paths are relative to the entry (`/storage`), or absolute
 * when they start with `#` (`#/kubernetesVersion`); a finding without a rule id is reported
 * under `defaultRule`.
 */
export function entryReport(at: string, report: Report, defaultRule: string): Report {
  return makeReport((rule, path, value, allowed) => report(rule ?? defaultRule, path.startsWith('#') ? path.slice(1) : `${at}${path}`, value, allowed));
}

/**
 * Each catalogue component runs on the cluster's distribution, next to the components it
 * requires, and passes its own rules; components every cluster needs are there; a custom
 * component's values go with its chart.
 */
export const checkPlatform: SpecRule = (spec, report, context, registry) => {
  const present = new Set(spec.platform.map((c) => c.name));
  for (const definition of registry.platform) {
    const why = definition.support?.mandatory;
    if (why !== undefined && !present.has(definition.name)) {
      report('component-mandatory', '/platform', spec.platform.map((c) => c.name), `a list that includes { name: "${definition.name}" }: ${why}`);
    }
  }
  spec.platform.forEach((entry, i) => {
    const at = `/platform/${i}`;
    if (isCustomComponent(entry)) {
      if (entry.values !== undefined && entry.helm === undefined) report('custom-values-without-helm', `${at}/values`, entry.values, 'no values without helm: values configure the chart of a custom component');
      const { facts, helm } = entry;
      if (facts !== undefined && (facts.chart !== helm?.chart || facts.version !== helm?.version)) {
        const pinned = helm ? `${helm.chart} ${helm.version}` : 'no chart';
        report('custom-facts-mismatch', `${at}/facts`, `${facts.chart} ${facts.version}`, `facts of the chart the component pins (${pinned}): facts of another chart or version judge the wrong one`);
      }
      return;
    }
    const definition = registeredComponent(registry, entry.name);
    if (definition === undefined) return; // reported by the schema
    const distributions = definition.support?.distributions;
    if (distributions && !distributions.includes(spec.distribution)) {
      report('component-distribution', `${at}/name`, entry.name, `a component that runs on ${spec.distribution}; ${entry.name} runs on ${distributions.join(', ')} only`);
    }
    for (const { component, why } of definition.support?.requires ?? []) {
      if (!present.has(component)) report('component-requires', `${at}/name`, entry.name, `${entry.name} together with { name: "${component}" } in platform: ${why}`);
    }
    (definition.rules as EntryRule<typeof entry> | undefined)?.(entry, context, entryReport(at, report, 'component-options'));
  });
};
