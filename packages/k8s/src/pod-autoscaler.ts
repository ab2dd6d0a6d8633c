import type { Autoscaler } from '@wavesmith/model';
import { ScaledObject } from '@kubernetes-models/keda/keda.sh/v1alpha1/ScaledObject';
import { ApiObject, type ApiObjectProps } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';

/** A KEDA trigger on a Prometheus query: scale out when `query` exceeds `threshold` per replica. */
export interface PrometheusTrigger {
  readonly query: string;
  readonly threshold: number;
  /** Prometheus's query API, as the cluster's context serves it. */
  readonly serverAddress: string;
}

export interface PodAutoscalerProps {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  /** Name of the Deployment scaled. */
  readonly target: string;
  /** @default 'hpa' */
  readonly engine?: Autoscaler;
  readonly minReplicas: number;
  readonly maxReplicas: number;
  /** Average CPU utilisation of requests to hold. @default 70 */
  readonly cpuUtilization?: number;
  /** Average memory utilisation of requests to hold. @default 80 */
  readonly memoryUtilization?: number;
  /** KEDA only: extra triggers on Prometheus queries. @default [] */
  readonly prometheus?: readonly PrometheusTrigger[];
}

/**
 * Seed 002's autoscaling of a Deployment: CPU 70% and memory 80% between min and max replicas,
 * as a HorizontalPodAutoscaler, or as a KEDA ScaledObject that can add Prometheus triggers.
 */
export class PodAutoscaler extends Construct {
  constructor(scope: Construct, id: string, props: PodAutoscalerProps) {
    super(scope, id);
    const where = `autoscaler ${props.namespace}/${props.name}`;
    if (props.minReplicas < 1 || props.minReplicas > props.maxReplicas) {
      throw new Error(`${where}: minReplicas = ${props.minReplicas} is not allowed; allowed: 1 to maxReplicas (${props.maxReplicas})`);
    }
    const engine = props.engine ?? 'hpa';
    const cpu = props.cpuUtilization ?? 70;
    const memory = props.memoryUtilization ?? 80;
    const prometheus = props.prometheus ?? [];
    const metadata = { name: props.name, namespace: props.namespace, labels: { ...props.labels } };
    if (engine === 'hpa') {
      if (prometheus.length > 0) throw new Error(`${where}: prometheus triggers are not allowed with engine "hpa"; allowed: engine "keda"`);
      const utilization = (name: string, averageUtilization: number): k8s.MetricSpecV2 => ({
        type: 'Resource',
        resource: { name, target: { type: 'Utilization', averageUtilization } },
      });
      new k8s.KubeHorizontalPodAutoscalerV2(this, 'Resource', {
        metadata,
        spec: {
          scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: props.target },
          minReplicas: props.minReplicas,
          maxReplicas: props.maxReplicas,
          metrics: [utilization('cpu', cpu), utilization('memory', memory)],
        },
      });
      return;
    }
    const scaled = new ScaledObject({
      metadata,
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: props.target },
        minReplicaCount: props.minReplicas,
        maxReplicaCount: props.maxReplicas,
        triggers: [
          { type: 'cpu', metricType: 'Utilization', metadata: { value: String(cpu) } },
          { type: 'memory', metricType: 'Utilization', metadata: { value: String(memory) } },
          ...prometheus.map((p) => ({
            type: 'prometheus',
            metadata: { serverAddress: p.serverAddress, query: p.query, threshold: String(p.threshold) },
          })),
        ],
      },
    });
    new ApiObject(this, 'Resource', scaled.toJSON() as ApiObjectProps);
  }
}
