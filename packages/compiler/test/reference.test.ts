import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { loadClusters } from '@wavesmith/model';
import { describe, expect, it } from 'vitest';
import { catalogueReference, clusterSpecJsonSchema, REFERENCE_FILES } from '../src/reference.js';
import { loadRegistry } from '../src/registry.js';

const repo = fileURLToPath(new URL('../../..', import.meta.url));
const registry = await loadRegistry(repo);

describe('the generated reference', () => {
  it('is committed as generated (run `corepack pnpm wavesmith docs` after changing a component or an app)', async () => {
    expect(await readFile(join(repo, REFERENCE_FILES.catalogue), 'utf8')).toBe(catalogueReference(registry));
    expect(await readFile(join(repo, REFERENCE_FILES.schema), 'utf8')).toBe(clusterSpecJsonSchema(registry));
  });

  it('documents every component with its chart, tier and options with defaults', () => {
    const text = catalogueReference(registry);
    for (const c of registry.platform) expect(text).toContain(`### ${c.name}\n\n${c.description}`);
    expect(text).toContain('| `retentionDays` | integer | `30` | How long logs are kept (seed 000: 30 days). |');
    expect(text).toContain('- Chart `kube-prometheus-stack` 72.6.2 from https://prometheus-community.github.io/helm-charts');
    expect(text).toContain('| `replicas` | { dev, staging, prod } | `{"dev":1,"staging":2,"prod":2}` |');
  });

  it('lists the facts of every pinned chart, also those a component installs beside its own, with the tag and commit read', () => {
    const text = catalogueReference(registry);
    const charts = registry.platform.flatMap((c) => [...(c.chart ? [c.chart] : []), ...(c.otherCharts ?? [])]);
    for (const { facts } of charts) expect(text).toContain(`| \`${facts.chart}\` ${facts.version} | ${facts.source.repository} \`${facts.source.tag}\` (${facts.source.commit.slice(0, 12)})`);
    expect(text).toContain('| `rancher` 2.7.9 | github.com/rancher/rancher `v2.7.9` (0c020f0c6846) `chart` | `< 1.27.0-0` (Chart.yaml) |');
    expect(text).toMatch(/\| `kube-prometheus-stack` 72\.6\.2 .*\| 10 \(`prometheuses\.monitoring\.coreos\.com`, 449,998, server-side apply\) \|/);
    expect(text).toContain('`secrets-store-csi-driver-provider-aws` 0.3.11');
  });

  it('publishes a JSON Schema that every cluster of the fleet, defaults filled in, passes', async () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(JSON.parse(clusterSpecJsonSchema(registry)) as object);
    for (const { spec } of await loadClusters(repo, registry)) expect([spec.name, validate(spec), validate.errors]).toEqual([spec.name, true, null]);
    expect(validate({ name: 'x', platform: [{ name: 'lokii' }] })).toBe(false);
  });
});
