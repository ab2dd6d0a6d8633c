import type { ComponentPlan, KubeObject } from '@wavesmith/model';
import { describe, expect, it } from 'vitest';
import { checkStorage as found, type ClusterStorage } from '../src/storage.js';

/** Each problem as `rule: file: message`. */
const checkStorage = (...args: Parameters<typeof found>) => found(...args).map((p) => `${p.rule}: ${p.file ? `${p.file}: ` : ''}${p.message}`);

const EBS: ClusterStorage = { storageClasses: [{ name: 'ebs-gp3', provisioner: 'ebs.csi.aws.com', default: true, providedBy: 'ebs-csi-driver' }], provisioners: ['ebs.csi.aws.com'] };
const NONE: ClusterStorage = { storageClasses: [], provisioners: [] };
const located = (...objects: KubeObject[]) => objects.map((object) => ({ file: `apps/x/${object.kind.toLowerCase()}-${object.metadata.name}.yaml`, object }));
const claim = (name: string, storageClassName?: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name, namespace: 'x' },
  spec: { accessModes: ['ReadWriteOnce'], ...(storageClassName ? { storageClassName } : {}), resources: { requests: { storage: '5Gi' } } },
});
const chart = (volumeClaims: ComponentPlan['volumeClaims']): ComponentPlan => ({ name: 'loki', tier: 'platform', namespace: 'monitoring', manifests: [], installsCrds: [], usesCrds: [], needs: [], volumeClaims });

describe('checkStorage', () => {
  it('passes claims of an existing class, or of none where a default exists, and chart volumes likewise', () => {
    expect(checkStorage(located(claim('a', 'ebs-gp3'), claim('b')), [chart([{ what: 'data volume' }])], EBS)).toEqual([]);
  });

  it('fails a claim of a StorageClass the cluster does not have, listing those it has', () => {
    expect(checkStorage(located(claim('data', 'standard')), [], EBS)).toEqual([
      'storage-class-missing: apps/x/persistentvolumeclaim-data.yaml: PersistentVolumeClaim data asks for StorageClass "standard", which the cluster does not have; allowed: one of ebs-gp3',
    ]);
  });

  it('fails a chart volume and a StatefulSet volume claim template without a class on a cluster without a default one', () => {
    const statefulSet: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db', namespace: 'x' },
      spec: { volumeClaimTemplates: [{ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data' }, spec: {} }] },
    };
    expect(checkStorage(located(statefulSet), [chart([{ what: 'single-binary data volume' }])], NONE)).toEqual([
      'storage-class-missing: apps/x/statefulset-db.yaml: StatefulSet db volume data names no StorageClass and the cluster has no default one; allowed: a cluster whose platform provides a default StorageClass (such as ebs-csi-driver), or a class of: none',
      "storage-class-missing: Application loki: the chart's single-binary data volume names no StorageClass and the cluster has no default one; allowed: a cluster whose platform provides a default StorageClass (such as ebs-csi-driver), or a class of: none",
    ]);
  });

  it('fails a rendered StorageClass whose provisioner does not run on the cluster, and accepts claims of it otherwise', () => {
    const blob: KubeObject = { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'uploads' }, provisioner: 'blob.csi.azure.com' };
    expect(checkStorage(located(blob, claim('uploads', 'uploads')), [], EBS)).toEqual([
      'storage-provisioner-missing: apps/x/storageclass-uploads.yaml: StorageClass uploads: provisioner blob.csi.azure.com does not run on this cluster; allowed: one of ebs.csi.aws.com',
    ]);
    expect(checkStorage(located(blob, claim('uploads', 'uploads')), [], { ...EBS, provisioners: ['blob.csi.azure.com'] })).toEqual([]);
  });
});
