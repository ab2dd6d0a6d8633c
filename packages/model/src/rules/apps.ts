import type { AddonName } from '../platform.js';
import { appNamespace, unsafeSecurityIssues, type AppSpec, type SecuritySpec, type UnsafeOptIn } from '../apps.js';
import { FILES_STORAGE_PURPOSE, dnsRecordHost, uploadsBucketPurpose } from '../cloud-names.js';
import type { Report, SpecRule } from '../rule.js';
import type { ClusterSpec } from '../spec.js';

interface Workload {
  readonly path: string;
  readonly replicas?: { readonly min: number; readonly max: number } | number;
  readonly security?: SecuritySpec;
  readonly allowUnsafe?: UnsafeOptIn;
}

/** The workloads of an app entry that carry replicas and a security context, with their paths. */
function workloadsOf(app: AppSpec, at: string): Workload[] {
  switch (app.chart) {
    case 'tbyte':
      return [
        { path: `${at}/frontend`, ...app.frontend },
        { path: `${at}/backend`, ...app.backend },
        { path: `${at}/postgres`, ...app.postgres },
      ];
    case 'rocketchat':
      return [
        { path: `${at}/rocketchat`, ...app.rocketchat },
        { path: `${at}/mongodb`, ...app.mongodb },
      ];
    case 'vet-app':
      return [{ path: at, ...app }];
  }
}

/** Platform components an app needs to run on this cluster, with the reason shown when one is missing. */
function requiredPlatform(spec: ClusterSpec, app: AppSpec): [AddonName, string][] {
  switch (app.chart) {
    case 'tbyte':
      return [
        ['secrets-store-csi-driver', 'database credentials and API keys are mounted through the Secrets Store CSI driver'],
        ['vault', 'the backend reads its API keys from Vault'],
        ...((app.autoscaler ?? 'keda') === 'keda' ? [['keda', 'autoscaler "keda" renders ScaledObjects'] as [AddonName, string]] : []),
        ...(app.host !== undefined ? [['aws-load-balancer-controller', 'the frontend Ingress is an ALB on AWS'] as [AddonName, string]] : []),
      ];
    case 'rocketchat':
      return spec.provider.cloud === 'aws' ? [['aws-load-balancer-controller', 'RocketChat is exposed through an ALB on AWS']] : [];
    case 'vet-app':
      return [
        ['ingress-nginx', 'the app is exposed through an nginx Ingress'],
        ['cert-manager', 'its TLS certificate is issued by cert-manager'],
      ];
  }
}

/** Replica ranges are ordered and security weakenings are opted into, workload by workload. */
const checkWorkloads = (app: AppSpec, at: string, report: Report): void => {
  for (const workload of workloadsOf(app, at)) {
    const range = workload.replicas;
    if (typeof range === 'object' && range.min > range.max) report(`${workload.path}/replicas/min`, range.min, `at most replicas.max (${range.max})`);
    for (const issue of unsafeSecurityIssues(workload.security, workload.allowUnsafe)) report(`${workload.path}/${issue.field}`, issue.value, issue.allowed);
  }
};

/** The fully qualified names of `cloud.dns.records`, as Terraform points them at the load balancer. */
function dnsHosts(spec: ClusterSpec): string[] | undefined {
  const dns = spec.cloud.dns;
  return dns?.records.map((record) => dnsRecordHost(dns.zone, record));
}

/**
 * The cloud resources an app's manifests name exist in `cloud`, under the names both sides derive:
 * RocketChat's uploads bucket (S3) or container (Azure `files` account), TByte's database and its
 * credentials secret, and the app's host among the DNS records when the cluster has them.
 */
function checkCloudLinks(spec: ClusterSpec, app: AppSpec, at: string, report: Report): void {
  if (app.chart === 'rocketchat') {
    const purpose = uploadsBucketPurpose(app.name);
    if (spec.provider.cloud === 'aws') {
      const buckets = spec.cloud.buckets ?? [];
      const bucket = buckets.find((b) => b.purpose === purpose);
      if (!bucket?.access?.includes('rocketchat')) {
        const declared = buckets.map((b) => `${b.purpose} (access: ${(b.access ?? []).join(', ') || 'none'})`).join('; ') || 'none';
        report(`${at}/name`, app.name, `an app whose uploads bucket is declared: cloud.buckets needs { purpose: "${purpose}", access: ["rocketchat"] } (declared: ${declared})`);
      }
    } else {
      const accounts = spec.cloud.storageAccounts ?? [];
      if (!accounts.some((a) => a.purpose === FILES_STORAGE_PURPOSE && a.containers.includes(purpose))) {
        const declared = accounts.map((a) => `${a.purpose}: ${a.containers.join(', ')}`).join('; ') || 'none';
        report(`${at}/name`, app.name, `an app whose uploads container is declared: cloud.storageAccounts needs { purpose: "${FILES_STORAGE_PURPOSE}", containers: ["${purpose}"] } (declared: ${declared})`);
      }
    }
  }
  if (app.chart === 'tbyte' && spec.provider.cloud === 'aws') {
    const databases = spec.cloud.databases ?? [];
    if (!databases.find((d) => d.name === app.name)?.readers?.includes('backend')) {
      const declared = databases.map((d) => `${d.name} (readers: ${(d.readers ?? []).join(', ') || 'none'})`).join('; ') || 'none';
      report(`${at}/name`, app.name, `an app whose database is declared: cloud.databases needs { name: "${app.name}", readers: ["backend"] } (declared: ${declared})`);
    }
  }
  const hosts = dnsHosts(spec);
  if ('host' in app && app.host !== undefined && hosts !== undefined && !hosts.includes(app.host)) {
    report(`${at}/host`, app.host, `a host among the cluster's DNS records (${hosts.join(', ')}), which the load balancer and its certificate serve`);
  }
}

/**
 * Business apps fit the cluster: their workloads are restricted unless opted out, they have the
 * platform components they render objects for, the cloud resources they name are declared, and
 * no two apps claim one namespace.
 */
export const checkApps: SpecRule = (spec, report) => {
  const platform = new Set<string>(spec.platform.map((p) => p.name));
  const namespaces = new Map<string, number>();
  spec.apps.forEach((app, i) => {
    const at = `/apps/${i}`;
    checkWorkloads(app, at, report);
    checkCloudLinks(spec, app, at, report);
    if (app.chart === 'tbyte' && spec.provider.cloud !== 'aws') {
      report(`${at}/chart`, app.chart, 'an app for this cloud: "tbyte" reads its database credentials from AWS Secrets Manager');
    }
    for (const [addon, why] of requiredPlatform(spec, app)) {
      if (!platform.has(addon)) report(`${at}/chart`, app.chart, `a cluster whose platform has "${addon}": ${why}`);
    }
    const namespace = appNamespace(app);
    const first = namespaces.get(namespace);
    if (first === undefined) namespaces.set(namespace, i);
    else report(`${at}/namespace`, namespace, `a namespace of its own (/apps/${first} already runs in "${namespace}")`);
  });
};
