import { rocketchatComponents, type UploadStorage } from '@wavesmith/app-rocketchat';
import { tbyteComponents } from '@wavesmith/app-tbyte';
import { vetAppComponents } from '@wavesmith/app-vet-app';
import type { AppComponent, IngressController } from '@wavesmith/k8s';
import {
  FILES_STORAGE_PURPOSE,
  appNamespace,
  awsRoleArn,
  azureResourceGroupName,
  bucketName,
  databaseSecretName,
  storageAccountName,
  uploadsBucketPurpose,
  type AppSpec,
  type ClusterSpec,
  type ComponentPlan,
  type RocketchatAppSpec,
  type SubnetSpec,
  type TbyteAppSpec,
} from '@wavesmith/model';

/** Subnets a cloud's load balancer runs in, and so reaches pods from. */
const LOAD_BALANCER: Record<ClusterSpec['provider']['cloud'], { controller: IngressController; subnetRole: SubnetSpec['role'] }> = {
  aws: { controller: 'alb', subnetRole: 'public' },
  azure: { controller: 'azure-application-gateway', subnetRole: 'app-gateway' },
};

function loadBalancer(spec: ClusterSpec): { controller: IngressController; loadBalancerCidrs: string[] } {
  const { controller, subnetRole } = LOAD_BALANCER[spec.provider.cloud];
  return { controller, loadBalancerCidrs: spec.network.subnets.filter((s) => s.role === subnetRole).map((s) => s.cidr) };
}

function tbyte(spec: ClusterSpec, app: TbyteAppSpec): AppComponent[] {
  const lb = loadBalancer(spec);
  return tbyteComponents({
    name: app.name,
    namespace: appNamespace(app),
    frontend: app.frontend,
    backend: app.backend,
    ...(app.postgres ? { postgres: app.postgres } : {}),
    ...(app.autoscaler ? { autoscaler: app.autoscaler } : {}),
    databaseSecretName: databaseSecretName(spec, app.name),
    databaseReaderRoleArn: awsRoleArn(spec, 'backend'),
    vaultRole: app.vaultRole ?? app.name,
    ...(app.host ? { ingress: { controller: lb.controller, host: app.host, loadBalancerCidrs: lb.loadBalancerCidrs } } : {}),
  });
}

function rocketchat(spec: ClusterSpec, app: RocketchatAppSpec): AppComponent[] {
  const bucket = bucketName(spec, uploadsBucketPurpose(app.name));
  const uploads: UploadStorage =
    spec.provider.cloud === 'aws'
      ? { kind: 's3', bucket, region: spec.provider.region, roleArn: awsRoleArn(spec, 'rocketchat') }
      : { kind: 'blob', container: bucket, storageAccount: storageAccountName(spec, FILES_STORAGE_PURPOSE), resourceGroup: azureResourceGroupName(spec) };
  const lb = loadBalancer(spec);
  return rocketchatComponents({
    name: app.name,
    namespace: appNamespace(app),
    host: app.host,
    ingressController: lb.controller,
    loadBalancerCidrs: lb.loadBalancerCidrs,
    uploads,
    ...(app.rocketchat ? { rocketchat: app.rocketchat } : {}),
    ...(app.mongodb ? { mongodb: app.mongodb } : {}),
  });
}

function componentsOf(spec: ClusterSpec, app: AppSpec): AppComponent[] {
  switch (app.chart) {
    case 'tbyte':
      return tbyte(spec, app);
    case 'rocketchat':
      return rocketchat(spec, app);
    case 'vet-app': {
      const { chart: _chart, ...props } = app;
      return vetAppComponents(props);
    }
  }
}

/**
 * The business tier of a cluster: one or more plans per `spec.apps[]` entry, in the entries'
 * order and, within an app, in dependency order (database first). Cloud-specific choices (load
 * balancer, upload storage, IAM roles) come from `spec.provider` and cloud-names, never from the
 * cluster's name. The ScaledObjects, ServiceMonitors and SecretProviderClasses are in the
 * manifests, so the wave planner sees the CRDs they use.
 */
export function businessComponents(spec: ClusterSpec): ComponentPlan[] {
  return spec.apps.flatMap((app) =>
    componentsOf(spec, app).map((c) => ({
      name: c.name,
      tier: 'business' as const,
      namespace: c.namespace,
      manifests: c.manifests,
      installsCrds: [],
      usesCrds: [],
      needs: c.needs,
    })),
  );
}
