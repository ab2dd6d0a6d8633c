import { registeredApp, type EntryRule } from '../registry.js';
import type { SpecRule } from '../rule.js';
import { appNamespace } from '../workload-schemas.js';
import { entryReport } from './platform.js';

/** Business apps pass their own rules, and no two apps claim one namespace. */
export const checkApps: SpecRule = (spec, report, context, registry) => {
  const namespaces = new Map<string, number>();
  spec.apps.forEach((app, i) => {
    const at = `/apps/${i}`;
    (registeredApp(registry, app.chart)?.rules as EntryRule<typeof app> | undefined)?.(app, context, entryReport(at, report, 'app-props'));
    const namespace = appNamespace(app);
    const first = namespaces.get(namespace);
    if (first === undefined) namespaces.set(namespace, i);
    else report('app-namespace-clash', `${at}/namespace`, namespace, `a namespace of its own (/apps/${first} already runs in "${namespace}")`);
  });
};
