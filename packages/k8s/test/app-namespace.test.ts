import { describe, expect, it } from 'vitest';
import { AppNamespace } from '../src/app-namespace.js';
import { find, render } from './render.js';

describe('AppNamespace', () => {
  it('enforces, audits and warns Pod Security restricted, denies all traffic and defines app-reader', () => {
    const objects = render((chart) => new AppNamespace(chart, 'ns', { name: 'shop' }));
    expect(find(objects, 'Namespace').metadata.labels).toEqual({
      'pod-security.kubernetes.io/enforce': 'restricted',
      'pod-security.kubernetes.io/audit': 'restricted',
      'pod-security.kubernetes.io/warn': 'restricted',
    });
    expect(find(objects, 'NetworkPolicy', 'default-deny-all').spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    expect(find(objects, 'Role', 'app-reader').rules).toEqual([{ apiGroups: [''], resources: ['pods', 'services', 'configmaps'], verbs: ['get', 'list', 'watch'] }]);
  });

  it('labels a system namespace baseline', () => {
    const objects = render((chart) => new AppNamespace(chart, 'ns', { name: 'monitoring', podSecurity: 'baseline' }));
    expect(find(objects, 'Namespace').metadata.labels['pod-security.kubernetes.io/enforce']).toBe('baseline');
  });

  it('allows privileged only with a reason, which it records', () => {
    const objects = render((chart) => new AppNamespace(chart, 'ns', { name: 'csi', podSecurity: 'privileged', privilegedReason: 'the CSI node plugin mounts host paths' }));
    expect(find(objects, 'Namespace').metadata.annotations).toEqual({ 'wavesmith.dev/privileged-reason': 'the CSI node plugin mounts host paths' });
  });

  it('rejects privileged without a reason', () => {
    expect(() => render((chart) => new AppNamespace(chart, 'ns', { name: 'csi', podSecurity: 'privileged' }))).toThrow(
      'namespace "csi": podSecurity = "privileged" is not allowed; allowed: "restricted" or "baseline", or "privileged" with a privilegedReason',
    );
  });
});
