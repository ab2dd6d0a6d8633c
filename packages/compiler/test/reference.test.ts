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

  it('publishes a JSON Schema that every cluster of the fleet, defaults filled in, passes', async () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(JSON.parse(clusterSpecJsonSchema(registry)) as object);
    for (const { spec } of await loadClusters(repo, registry)) expect([spec.name, validate(spec), validate.errors]).toEqual([spec.name, true, null]);
    expect(validate({ name: 'x', platform: [{ name: 'lokii' }] })).toBe(false);
  });
});
