import { dnsRecordHost } from './cloud-names.js';
import type { Report } from './rule.js';
import type { ClusterSpec } from './spec.js';
import { unsafeSecurityIssues, type SecuritySpec, type UnsafeOptIn } from './workload-schemas.js';

/** Checks business apps share: their workloads, and hosts served by the cluster's DNS records. */

/** A workload of an app entry that carries replicas and a security context. */
export interface WorkloadFields {
  readonly replicas?: { readonly min: number; readonly max: number } | number;
  readonly security?: SecuritySpec;
  readonly allowUnsafe?: UnsafeOptIn;
}

/** Replica ranges are ordered and security weakenings are opted into; `at` is the workload's path in the entry (`/backend`, or `` for the entry). */
export function checkWorkload(workload: WorkloadFields | undefined, at: string, report: Report): void {
  if (workload === undefined) return;
  const range = workload.replicas;
  if (typeof range === 'object' && range.min > range.max) report('replica-range-order', `${at}/replicas/min`, range.min, `at most replicas.max (${range.max})`);
  // Every weakening is reported; `allowUnsafe` waives the ones it names (see collectWaivers).
  for (const issue of unsafeSecurityIssues(workload.security)) report(issue.rule, `${at}/${issue.field}`, issue.value, issue.allowed);
}

/** A public host is one of the cluster's `cloud.dns` records when it has them: the load balancer and its certificate serve only those. */
export function checkHostInDns(host: string | undefined, spec: ClusterSpec, report: Report): void {
  const dns = spec.cloud.dns;
  if (host === undefined || dns === undefined) return;
  const hosts = dns.records.map((record) => dnsRecordHost(dns.zone, record));
  if (!hosts.includes(host)) report('host-not-in-dns', '/host', host, `a host among the cluster's DNS records (${hosts.join(', ')}), which the load balancer and its certificate serve`);
}
