import { describe, expect, it } from 'vitest';
import { immutableField } from '../src/kubernetes-facts.js';

describe('immutableField', () => {
  it('refuses StatefulSet spec fields other than the ones the API server lets change', () => {
    expect(immutableField('apps', 'StatefulSet', 'spec.volumeClaimTemplates.spec.resources.requests.storage')?.field).toBe('spec.volumeClaimTemplates.spec.resources.requests.storage');
    expect(immutableField('apps', 'StatefulSet', 'spec.podManagementPolicy')?.field).toBe('spec.podManagementPolicy');
    for (const mutable of ['spec.replicas', 'spec.ordinals.start', 'spec.template.spec.containers.image', 'spec.updateStrategy.type', 'spec.persistentVolumeClaimRetentionPolicy.whenDeleted', 'spec.minReadySeconds']) {
      expect(immutableField('apps', 'StatefulSet', mutable), mutable).toBeUndefined();
    }
  });

  it('names the kubernetes/kubernetes validation source of a rule', () => {
    expect(immutableField('apps', 'StatefulSet', 'spec.serviceName')?.source).toBe('kubernetes/kubernetes pkg/apis/apps/validation/validation.go ValidateStatefulSetUpdate');
    expect(immutableField('', 'Service', 'spec.clusterIP')?.source).toContain('pkg/apis/core/validation/validation.go ValidateServiceUpdate');
  });

  it('matches the API group and kind, not only the kind', () => {
    expect(immutableField('apps', 'Deployment', 'spec.selector.matchLabels.app')?.field).toBe('spec.selector');
    expect(immutableField('example.com', 'Deployment', 'spec.selector')).toBeUndefined();
  });

  it('lets a PersistentVolumeClaim grow but not change class or access modes', () => {
    expect(immutableField('', 'PersistentVolumeClaim', 'spec.resources.requests.storage')).toBeUndefined();
    expect(immutableField('', 'PersistentVolumeClaim', 'spec.storageClassName')?.field).toBe('spec.storageClassName');
    expect(immutableField('', 'PersistentVolumeClaim', 'spec.accessModes')?.field).toBe('spec.accessModes');
  });
});
