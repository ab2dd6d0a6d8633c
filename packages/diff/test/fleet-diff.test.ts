import { describe, expect, it } from 'vitest';
import { diffFleets, type FleetDiff } from '../src/fleet-diff.js';
import { parseFleet } from '../src/fleet-tree.js';
import { application, configMap, deployment, fleetTree, statefulSet, type TestCluster } from './trees.js';

type Mutable = { components: NonNullable<TestCluster['components']>[number][]; objects: { component: string; body: Record<string, any> }[]; terraform: Record<string, any> };

/** One cluster with one object of every kind the risk rules know, and Terraform resources of several providers' rules. */
function baseCluster(): Mutable {
  return {
    components: [
      { name: 'app', tier: 'business', wave: 5 },
      { name: 'monitoring', tier: 'platform', wave: 3, chart: { repoURL: 'https://charts.example', chart: 'kube-prometheus-stack', version: '65.1.0' } },
    ],
    objects: [
      { component: 'app', body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'apps' } } },
      { component: 'app', body: deployment('web') },
      { component: 'app', body: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'apps' }, spec: { clusterIP: '10.0.0.10', ports: [{ port: 80, targetPort: 8080 }] } } },
      { component: 'app', body: statefulSet('db') },
      { component: 'app', body: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'apps' }, spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'fast', resources: { requests: { storage: '5Gi' } } } } },
      { component: 'app', body: { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'fast' }, provisioner: 'ebs.csi.aws.com', parameters: { type: 'gp3' }, allowVolumeExpansion: true } },
      { component: 'app', body: { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'migrate', namespace: 'apps' }, spec: { template: { spec: { containers: [{ name: 'm', image: 'migrate:1' }] } }, ttlSecondsAfterFinished: 60 } } },
      { component: 'app', body: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'reader', namespace: 'apps' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'reader' }, subjects: [{ kind: 'ServiceAccount', name: 'web' }] } },
      { component: 'app', body: { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'widgets.example.com' }, spec: { group: 'example.com' } } },
      { component: 'app', body: configMap('settings', { mode: 'fast', level: '3', colour: 'blue', size: 'm' }) },
      { component: 'app', body: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'creds', namespace: 'apps' }, data: { password: 'c2VjcmV0' } } },
      { component: 'app', body: application('app') },
      { component: 'monitoring', body: application('monitoring', 'kube-prometheus-stack') },
    ],
    terraform: {
      resource: {
        aws_vpc: { main: { cidr_block: '10.0.0.0/16', tags: { Name: 'main' } } },
        aws_db_instance: { db: { engine: 'postgres', identifier: 'db', instance_class: 'db.t4g.small', password: 'hunter2' } },
        aws_instance: { vm: { ami: 'ami-1', instance_type: 't3.small', user_data: '#!/bin/sh\necho one\n', user_data_replace_on_change: true } },
        aws_s3_bucket: { logs: { bucket: 'c1-logs', force_destroy: false } },
        aws_vpc_security_group_ingress_rule: { ssh: { security_group_id: '${aws_security_group.vpn.id}', cidr_ipv4: '203.0.113.0/24', from_port: 22, to_port: 22, ip_protocol: 'tcp' } },
      },
      output: { db_password: { value: '${aws_db_instance.db.password}', sensitive: true } },
    },
  };
}

function risksOf(diff: FleetDiff): string[] {
  return diff.clusters.flatMap((c) => [...c.objects, ...c.terraform, ...c.components].flatMap((x) => x.risks.map((r) => r.id))).sort();
}

function plant(change: (c: Mutable) => void): FleetDiff {
  const base = baseCluster();
  const head = baseCluster();
  change(head);
  return diffFleets(parseFleet(fleetTree({ c1: base })), parseFleet(fleetTree({ c1: head })));
}

const object = (c: Mutable, kind: string, name?: string) => c.objects.find((o) => o.body.kind === kind && (name === undefined || o.body.metadata.name === name))!.body;
const remove = (c: Mutable, kind: string, name?: string) => c.objects.splice(c.objects.indexOf(c.objects.find((o) => o.body.kind === kind && (name === undefined || o.body.metadata.name === name))!), 1);

const plants: [what: string, change: (c: Mutable) => void, risks: string[]][] = [
  ['deleting a PersistentVolumeClaim', (c) => remove(c, 'PersistentVolumeClaim'), ['delete-data']],
  ['deleting a StatefulSet', (c) => remove(c, 'StatefulSet'), ['delete-data']],
  ['deleting a Namespace', (c) => remove(c, 'Namespace'), ['delete-data']],
  ['deleting a CustomResourceDefinition', (c) => remove(c, 'CustomResourceDefinition'), ['delete-data']],
  ['deleting a ConfigMap', (c) => remove(c, 'ConfigMap'), []],
  ['deleting an Application', (c) => remove(c, 'Application', 'app'), ['delete-application']],
  ['renaming a ConfigMap', (c) => (object(c, 'ConfigMap').metadata.name = 'settings-v2'), ['rename']],
  ['renaming a PersistentVolumeClaim', (c) => (object(c, 'PersistentVolumeClaim').metadata.name = 'data-v2'), ['delete-data', 'rename']],
  ['changing a Deployment selector', (c) => (object(c, 'Deployment').spec.selector.matchLabels = { app: 'web', tier: 'front' }), ['immutable-field']],
  ['changing a Deployment image', (c) => (object(c, 'Deployment').spec.template.spec.containers[0].image = 'nginx:1.28'), []],
  ['changing StatefulSet volume claim templates', (c) => (object(c, 'StatefulSet').spec.volumeClaimTemplates[0].spec.resources.requests.storage = '20Gi'), ['immutable-field']],
  ['changing StatefulSet serviceName', (c) => (object(c, 'StatefulSet').spec.serviceName = 'db-headless'), ['immutable-field']],
  ['scaling a StatefulSet and changing its template', (c) => Object.assign(object(c, 'StatefulSet').spec, { replicas: 3, minReadySeconds: 5, updateStrategy: { type: 'OnDelete' } }), []],
  ['changing a Service clusterIP', (c) => (object(c, 'Service').spec.clusterIP = '10.0.0.11'), ['immutable-field']],
  ['changing a Service port', (c) => (object(c, 'Service').spec.ports[0].targetPort = 8081), []],
  ['changing a Job template', (c) => (object(c, 'Job').spec.template.spec.containers[0].image = 'migrate:2'), ['immutable-field']],
  ['changing a Job ttlSecondsAfterFinished', (c) => (object(c, 'Job').spec.ttlSecondsAfterFinished = 120), []],
  ['changing a PVC storage class', (c) => (object(c, 'PersistentVolumeClaim').spec.storageClassName = 'slow'), ['immutable-field']],
  ['changing PVC access modes', (c) => (object(c, 'PersistentVolumeClaim').spec.accessModes = ['ReadWriteMany']), ['immutable-field']],
  ['growing a PVC', (c) => (object(c, 'PersistentVolumeClaim').spec.resources.requests.storage = '10Gi'), []],
  ['changing StorageClass parameters', (c) => (object(c, 'StorageClass').parameters.type = 'io2'), ['immutable-field']],
  ['allowing StorageClass expansion', (c) => (object(c, 'StorageClass').allowVolumeExpansion = false), []],
  ['changing a RoleBinding roleRef', (c) => (object(c, 'RoleBinding').roleRef.name = 'admin'), ['immutable-field']],
  ['changing a RoleBinding subject', (c) => (object(c, 'RoleBinding').subjects[0].name = 'api'), []],
  ['moving a component to another wave', (c) => (c.components[0] = { ...c.components[0]!, wave: 6 }), ['wave-move']],
  ['moving a component to another tier', (c) => (c.components[0] = { ...c.components[0]!, tier: 'platform' }), ['tier-move']],
  ['bumping a chart major version', (c) => (c.components[1] = { ...c.components[1]!, chart: { ...c.components[1]!.chart!, version: '66.0.0' } }), ['chart-major']],
  ['bumping a chart minor version', (c) => (c.components[1] = { ...c.components[1]!, chart: { ...c.components[1]!.chart!, version: '65.2.0' } }), []],
  ['destroying a Terraform resource', (c) => delete c.terraform.resource.aws_s3_bucket, ['tf-destroy']],
  ['renaming a Terraform resource without a moved block', (c) => (c.terraform.resource.aws_s3_bucket = { audit: c.terraform.resource.aws_s3_bucket.logs }), ['rename', 'tf-destroy']],
  ['changing a VPC CIDR', (c) => (c.terraform.resource.aws_vpc.main.cidr_block = '10.1.0.0/16'), ['tf-replace']],
  ['changing VPC tags', (c) => (c.terraform.resource.aws_vpc.main.tags = { Name: 'primary' }), []],
  ['changing the RDS engine', (c) => (c.terraform.resource.aws_db_instance.db.engine = 'mysql'), ['tf-replace']],
  ['changing the RDS identifier (renamed in place by provider v6)', (c) => (c.terraform.resource.aws_db_instance.db.identifier = 'db2'), []],
  ['changing an instance AMI', (c) => (c.terraform.resource.aws_instance.vm.ami = 'ami-2'), ['tf-replace']],
  ['changing instance user_data', (c) => (c.terraform.resource.aws_instance.vm.user_data = '#!/bin/sh\necho two\n'), ['tf-replace-possible']],
  ['changing the range a security group rule admits', (c) => (c.terraform.resource.aws_vpc_security_group_ingress_rule.ssh.cidr_ipv4 = '198.51.100.0/24'), []],
  ['switching a security group rule from a range to a security group', (c) => {
    const rule = c.terraform.resource.aws_vpc_security_group_ingress_rule.ssh;
    delete rule.cidr_ipv4;
    rule.referenced_security_group_id = '${aws_security_group.admin.id}';
  }, ['tf-replace']],
  ['changing a bucket name', (c) => (c.terraform.resource.aws_s3_bucket.logs.bucket = 'c1-audit'), ['tf-replace']],
];

describe('risk labels', () => {
  it.each(plants)('raises exactly the expected labels for %s', (_what, change, risks) => {
    expect(risksOf(plant(change))).toEqual(risks);
  });

  it('raises no label and finds no change when documents, keys and keyed list items are reordered', () => {
    const base = fleetTree({ c1: baseCluster() });
    const reordered = baseCluster();
    reordered.objects.reverse();
    for (const o of reordered.objects) o.body = Object.fromEntries(Object.entries(o.body).reverse());
    const dep = object(reordered, 'Deployment');
    dep.spec.template.spec.containers.reverse();
    reordered.terraform = Object.fromEntries(Object.entries(reordered.terraform).reverse());
    const diff = diffFleets(parseFleet(base), parseFleet(fleetTree({ c1: reordered })));
    expect(diff).toEqual({ clusters: [], unchanged: ['c1'] });
  });

  it('counts what deleting an Application prunes', () => {
    const risk = plant((c) => remove(c, 'Application', 'app')).clusters[0]!.objects[0]!.risks[0]!;
    expect(risk.detail).toBe('Application app is deleted and prunes 11 rendered objects');
    const chart = plant((c) => remove(c, 'Application', 'monitoring')).clusters[0]!.objects[0]!.risks[0]!;
    expect(chart.detail).toBe('Application monitoring is deleted and prunes 0 rendered objects and everything chart kube-prometheus-stack installed');
  });

  it('shows an object moving to another component (Application) as a change of its component', () => {
    const diff = plant((c) => (c.objects.find((o) => o.body.kind === 'ConfigMap')!.component = 'monitoring'));
    const [change] = diff.clusters[0]!.objects;
    expect(change).toMatchObject({ kind: 'changed', component: 'monitoring', fields: [{ path: [{ key: '(component)' }], before: 'app', after: 'monitoring' }], risks: [] });
  });

  it('counts the whole cluster as pruned when its root Application is deleted', () => {
    const base = fleetTree({ c1: baseCluster() });
    base.set('argocd-apps/c1.yaml', 'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: c1-root\n  namespace: argocd\n');
    const head = new Map(base);
    head.delete('argocd-apps/c1.yaml');
    const [change] = diffFleets(parseFleet(base), parseFleet(head)).clusters[0]!.objects;
    expect(change!.risks).toEqual([{ id: 'delete-application', detail: 'Application c1-root is deleted and prunes 13 rendered objects' }]);
  });

  it('names the field and the resource in a replacement label', () => {
    const diff = plant((c) => (c.terraform.resource.aws_vpc.main.cidr_block = '10.1.0.0/16'));
    expect(diff.clusters[0]!.terraform[0]!.risks).toEqual([{ id: 'tf-replace', detail: 'aws_vpc.main cidr_block' }]);
  });

  it('labels every object of a removed cluster as removed and every resource as destroyed', () => {
    const diff = diffFleets(parseFleet(fleetTree({ c1: baseCluster() })), parseFleet(new Map()));
    expect(diff.clusters[0]!.status).toBe('removed');
    expect(diff.clusters[0]!.objects.every((o) => o.kind === 'removed')).toBe(true);
    expect(risksOf(diff).filter((r) => r === 'tf-destroy')).toHaveLength(5);
  });
});
