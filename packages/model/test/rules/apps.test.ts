import { describe, expect, it } from 'vitest';
import { validateCluster, type Finding } from '../../src/index.js';
import { TEST_REGISTRY, clusterWith } from '../fixtures.js';

/** A finding as one line: file, cluster, JSON Pointer and message (the rule ids are asserted where the rules are). */
const asLine = (file: string) => (f: Finding) => `${file} [cluster ${f.cluster}] ${f.path ? f.path : '(spec)'}: ${f.message}`;

const issues = (apps: unknown[]) => validateCluster(clusterWith((s) => (s.apps = apps)), 'clusters/demo.ts', TEST_REGISTRY).findings.map(asLine('clusters/demo.ts'));
const web = { name: 'web', chart: 'web', image: 'web:1.0.0' };

describe('apps rules', () => {
  it('accepts an entry of a registered app', () => {
    expect(issues([web])).toEqual([]);
  });

  it('rejects a chart no app defines, naming the apps there are', () => {
    expect(issues([{ ...web, chart: 'shop' }])).toEqual(['clusters/demo.ts [cluster demo] /apps/0/chart: got "shop"; allowed: one of the business apps in apps/ ("web")']);
  });

  it('rejects a field the chosen app does not have, naming its fields', () => {
    expect(issues([{ ...web, replica: 2 }])).toEqual([
      'clusters/demo.ts [cluster demo] /apps/0/replica: got 2; allowed: did you mean "replicas"? known fields here: name, chart, namespace, image, replicas, cache, fileSystem',
    ]);
  });

  it("reports the app's own rules at paths inside its entry", () => {
    expect(issues([{ ...web, image: 'web:latest' }])).toEqual(['clusters/demo.ts [cluster demo] /apps/0/image: got "web:latest"; allowed: a pinned image']);
  });

  it('rejects two apps in one namespace', () => {
    expect(issues([{ ...web, namespace: 'shop' }, { ...web, name: 'web-2', namespace: 'shop' }])).toContain(
      'clusters/demo.ts [cluster demo] /apps/1/namespace: got "shop"; allowed: a namespace of its own (/apps/0 already runs in "shop")',
    );
  });

  it('rejects two apps that declare one IAM workload', () => {
    expect(issues([{ ...web, namespace: 'a' }, { ...web, name: 'web-2', namespace: 'b' }])).toEqual([
      'clusters/demo.ts [cluster demo] (spec): got "AWS workload \\"web\\""; allowed: AWS workload "web" provided once (by web, not also by web-2)',
    ]);
  });
});
