import { ServiceMonitor as ServiceMonitorModel } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor';
import { ApiObject, type ApiObjectProps } from 'cdk8s';
import { Construct } from 'constructs';

/** The label kube-prometheus-stack's Prometheus selects ServiceMonitors by (its Helm release name). */
export const PROMETHEUS_RELEASE_LABEL = { release: 'kube-prometheus-stack' } as const;

export interface ServiceMonitorProps {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  /** Labels of the Service to scrape. */
  readonly selector: Readonly<Record<string, string>>;
  /** Name of the Service port serving metrics. */
  readonly port: string;
  /** @default '/metrics' */
  readonly path?: string;
  /** @default '30s' (seed 000 scrapes every 30 seconds) */
  readonly interval?: string;
}

/** Prometheus scraping of a Service's metrics port. */
export class ServiceMonitor extends Construct {
  constructor(scope: Construct, id: string, props: ServiceMonitorProps) {
    super(scope, id);
    const monitor = new ServiceMonitorModel({
      metadata: { name: props.name, namespace: props.namespace, labels: { ...props.labels, ...PROMETHEUS_RELEASE_LABEL } },
      spec: {
        selector: { matchLabels: { ...props.selector } },
        endpoints: [{ port: props.port, path: props.path ?? '/metrics', interval: props.interval ?? '30s' }],
      },
    });
    new ApiObject(this, 'Resource', monitor.toJSON() as ApiObjectProps);
  }
}
