import type { KubeObject } from '@wavesmith/model';
import { App, Chart } from 'cdk8s';

/** One deployable part of a business app (e.g. its database, or its web tier), rendered to plain objects. */
export interface AppComponent {
  /** Name of the Argo CD Application it becomes; stable, since it is API. */
  readonly name: string;
  readonly namespace: string;
  readonly manifests: readonly KubeObject[];
  /** Components of the same app whose services it needs running first. */
  readonly needs: readonly string[];
}

/** Renders a chart into an AppComponent. */
export function appComponent(chart: Chart, name: string, namespace: string, needs: readonly string[] = []): AppComponent {
  return { name, namespace, manifests: chart.toJson() as KubeObject[], needs };
}

/** A chart of its own app, for one component of a business app: what the app's constructs are added to. */
export function appChart(id: string): Chart {
  return new Chart(new App(), id);
}
