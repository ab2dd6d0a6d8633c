import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ClusterSpecError } from '@wavesmith/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadRegistry } from '../src/registry.js';

const run = promisify(execFile);
const repo = fileURLToPath(new URL('../../..', import.meta.url));

describe('loadRegistry', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'wavesmith-registry-'));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  const app = async (folder: string, manifest: unknown, source?: string) => {
    await mkdir(join(root, 'apps', folder, 'src'), { recursive: true });
    await writeFile(join(root, 'apps', folder, 'package.json'), typeof manifest === 'string' ? manifest : JSON.stringify(manifest));
    if (source !== undefined) await writeFile(join(root, 'apps', folder, 'src', 'index.ts'), source);
  };

  it('finds the apps of this repository and the whole catalogue', async () => {
    const registry = await loadRegistry(repo);
    expect(registry.apps.map((a) => a.chart)).toEqual(['rocketchat', 'tbyte', 'vet-app']);
    expect(registry.platform.map((c) => c.name)).toContain('argocd');
  });

  it('rejects, all at once, an app package that does not load, one that defines no app, and one without an entry point', async () => {
    await app('broken', { exports: { '.': './src/index.ts' } }, "throw new Error('missing dependency');\n");
    await app('empty', { exports: { '.': './src/index.ts' } }, 'export const x = 1;\n');
    await app('no-entry', { name: 'no-entry' });
    const error = (await loadRegistry(root).catch((e: unknown) => e)) as ClusterSpecError;
    expect(error).toBeInstanceOf(ClusterSpecError);
    expect(error.findings.map((i) => [i.rule, i.source?.file, i.value, i.allowed])).toEqual([
      ['app-package-invalid', 'apps/broken/package.json', 'missing dependency', 'a package whose entry point loads without errors'],
      ['app-package-invalid', 'apps/empty/package.json', ['x'], 'a package that exports an app definition made with defineApp'],
      ['app-package-invalid', 'apps/no-entry/package.json', undefined, 'an "exports" entry point (".") exporting the app definition made with defineApp'],
    ]);
  });
});

/**
 * The open catalogue, as a platform team uses it: in a copy of this repository, a new platform
 * component is one file plus its line in the catalogue, a new business app is one package plus
 * its entry in a cluster. The copy installs and builds as a user's would, with its own code.
 */
describe('a new component and a new app', () => {
  let copy: string;
  const CLUSTER = 'clusters/kubeadm-lab.ts';
  const added = new Map<string, string>([
    [
      'packages/addons/src/components/external-dns.ts',
      `import { StringEnum } from '@wavesmith/model';
import { defineComponent, pinnedChart } from '../component.js';

/** ExternalDNS: DNS records for Ingresses and Services. */
export const externalDns = defineComponent({
  name: 'external-dns',
  description: 'ExternalDNS, publishing DNS records for Ingresses and Services.',
  tier: 'core',
  namespace: 'external-dns',
  // Facts of the chart version, as read from its source (kept short for the test).
  chart: pinnedChart('https://kubernetes-sigs.github.io/external-dns/', {
    chart: 'external-dns',
    version: '1.15.2',
    source: { repository: 'github.com/kubernetes-sigs/external-dns', tag: 'external-dns-helm-chart-1.15.2', commit: '0000000000000000000000000000000000000000', path: 'charts/external-dns' },
    kubeVersion: { range: '>=1.22.0-0', file: 'Chart.yaml' },
    crds: [],
    rewrittenFields: [],
    values: { keys: { policy: 'value', txtOwnerId: 'value' } },
  }),
  options: { policy: StringEnum(['sync', 'upsert-only'] as const, { default: 'upsert-only', description: 'Whether records are deleted too.' }) },
  plan: (ctx) => ctx.chartPlan({ values: { policy: ctx.entry.policy, txtOwnerId: ctx.cluster.spec.name } }),
});
`,
    ],
    [
      'apps/shop/package.json',
      `${JSON.stringify(
        {
          name: '@wavesmith/app-shop',
          version: '0.1.0',
          private: true,
          type: 'module',
          exports: { '.': './src/index.ts' },
          dependencies: { '@wavesmith/k8s': 'workspace:*', '@wavesmith/model': 'workspace:*' },
        },
        null,
        2,
      )}\n`,
    ],
    ['apps/shop/tsconfig.json', '{ "extends": "../../tsconfig.base.json", "include": ["src"] }\n'],
    [
      'apps/shop/src/index.ts',
      `import { AppNamespace, WebService, appChart, appComponent, ALLOW_DNS } from '@wavesmith/k8s';
import { Image, Type, defineApp, type AppEntryOf } from '@wavesmith/model';

const PROPS = { image: Image, greeting: Type.Optional(Type.String({ description: 'What the shop says.' })) };

/** A shop web service. */
export const shopApp = defineApp({
  chart: 'shop',
  description: 'A shop web service.',
  props: PROPS,
  render: (entry) => {
    const namespace = entry.namespace ?? entry.name;
    const chart = appChart(entry.name);
    new AppNamespace(chart, 'Namespace', { name: namespace, labels: {} });
    new WebService(chart, 'Web', { name: entry.name, namespace, image: entry.image, port: 8080, metricsPort: false, autoscaling: false, replicas: { min: 1, max: 1 }, env: { GREETING: entry.greeting ?? 'hello' }, egress: [ALLOW_DNS] });
    return [appComponent(chart, entry.name, namespace)];
  },
});

declare module '@wavesmith/model' {
  interface BusinessApps {
    shop: AppEntryOf<'shop', typeof PROPS>;
  }
}
`,
    ],
  ]);

  /** Every source file of the copy (not installed or generated ones), with its content. */
  const sources = async (root: string): Promise<Map<string, string>> => {
    const files = new Map<string, string>();
    const walk = async (dir: string): Promise<void> => {
      for (const e of await readdir(dir, { withFileTypes: true })) {
        if (['node_modules', '.git', '.turbo', 'dist', 'argocd-apps', 'docs', '.test-roots'].includes(e.name)) continue;
        const path = join(dir, e.name);
        if (e.isDirectory()) await walk(path);
        else if (e.name !== 'pnpm-lock.yaml') files.set(relative(root, path), await readFile(path, 'utf8'));
      }
    };
    await walk(root);
    return files;
  };
  const wavesmith = (...args: string[]) => run(process.execPath, [join(copy, 'packages/cli/bin/wavesmith.js'), ...args], { cwd: copy }).catch((e: { code: number; stderr: string }) => e);
  let before: Map<string, string>;

  beforeAll(async () => {
    copy = await mkdtemp(join(tmpdir(), 'wavesmith-open-'));
    const skip = new Set(['node_modules', '.git', '.turbo', '.test-roots', '.wavesmith-tx']);
    await cp(repo, copy, { recursive: true, filter: (src) => !relative(repo, src).split('/').some((part) => skip.has(part)) });
    before = await sources(copy);
    for (const [path, content] of added) {
      await mkdir(join(copy, path, '..'), { recursive: true });
      await writeFile(join(copy, path), content);
    }
    const catalogue = join(copy, 'packages/addons/src/catalogue.ts');
    const text = await readFile(catalogue, 'utf8');
    await writeFile(catalogue, `import { externalDns } from './components/external-dns.js';\n${text.replace('  rancher,\n] as const;', '  rancher,\n  externalDns,\n] as const;')}`);
    const cluster = await readFile(join(copy, CLUSTER), 'utf8');
    await writeFile(
      join(copy, CLUSTER),
      cluster.replace("platform: [{ name: 'ebs-csi-driver' }", "apps: [{ name: 'shop', chart: 'shop', image: 'ghcr.io/example/shop:1.0.0' }],\n  platform: [{ name: 'external-dns' }, { name: 'ebs-csi-driver' }"),
    );
    // Offline: the new package depends on workspace packages only, so nothing is fetched. The
    // lockfile gains the new package, which pnpm refuses by default under CI=true.
    await run('corepack', ['pnpm', 'install', '--offline', '--no-frozen-lockfile', '--reporter=silent'], { cwd: copy, env: { ...process.env, COREPACK_ENABLE_DOWNLOAD_PROMPT: '0' } });
  }, 180_000);
  afterAll(() => rm(copy, { recursive: true, force: true }));

  it('touches no other source file than the component, its catalogue line, the app package and the cluster entry', async () => {
    const after = await sources(copy);
    const changed = [...after.keys()].filter((path) => before.get(path) !== after.get(path)).sort();
    expect(changed).toEqual([
      'apps/shop/package.json',
      'apps/shop/src/index.ts',
      'apps/shop/tsconfig.json',
      CLUSTER,
      'packages/addons/src/catalogue.ts',
      'packages/addons/src/components/external-dns.ts',
    ]);
  });

  it('builds them rendered, in their sync waves and tiers, next to everything else', async () => {
    const result = (await wavesmith('build')) as { stdout: string };
    expect(result.stdout).toMatch(/^8 clusters, \d+ objects:/);
    const read = async (path: string) => parse(await readFile(join(copy, 'dist/kubeadm-lab', path), 'utf8')) as Record<string, any>;
    const dns = await read('argocd/application-external-dns.yaml');
    const shop = await read('argocd/application-shop.yaml');
    const argocd = await read('argocd/application-argocd.yaml');
    const wave = (app: Record<string, any>) => Number(app.metadata.annotations['argocd.argoproj.io/sync-wave']);
    expect(dns.spec.source).toMatchObject({ chart: 'external-dns', targetRevision: '1.15.2', helm: { valuesObject: { policy: 'upsert-only', txtOwnerId: 'kubeadm-lab' } } });
    expect([dns.metadata.labels['wavesmith.io/tier'], shop.metadata.labels['wavesmith.io/tier']]).toEqual(['core', 'business']);
    expect(wave(dns)).toBeGreaterThan(wave(argocd));
    expect(wave(shop)).toBeGreaterThan(wave(await read('argocd/application-loki.yaml')));
    expect((await read('apps/shop/deployment-shop.yaml')).spec.template.spec.containers[0].image).toBe('ghcr.io/example/shop:1.0.0');
  });

  it('types the new app entry in cluster files, so a typo is a TypeScript error', async () => {
    const tsc = (...args: string[]) => run(process.execPath, [join(copy, 'node_modules/typescript/bin/tsc'), ...args], { cwd: copy }).catch((e: { stdout: string }) => e);
    expect(await tsc('-p', 'clusters/tsconfig.json')).toMatchObject({ stderr: '' });
    const file = join(copy, CLUSTER);
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace("chart: 'shop', image:", "chart: 'shop', imag:"));
    try {
      expect(((await tsc('-p', 'clusters/tsconfig.json')) as { stdout: string }).stdout).toMatch(/error TS2561: Object literal may only specify known properties, but 'imag' does not exist .* Did you mean to write 'image'\?/);
    } finally {
      await writeFile(file, text);
    }
  }, 60_000);

  it('checks what the new app renders like anything else, and writes nothing when it fails', async () => {
    const index = join(copy, 'apps/shop/src/index.ts');
    const text = await readFile(index, 'utf8');
    const dist = await readFile(join(copy, 'dist/kubeadm-lab/inventory.json'), 'utf8');
    // A literal Secret: the output policy refuses it wherever it comes from.
    const secret = "    return [{ ...appComponent(chart, entry.name, namespace), manifests: [...appComponent(chart, entry.name, namespace).manifests, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'token', namespace }, data: { token: 'c2VjcmV0' } }] }];\n";
    await writeFile(index, text.replace('    return [appComponent(chart, entry.name, namespace)];\n', secret));
    try {
      const failed = (await wavesmith('build')) as { code: number; stderr: string };
      expect(failed.code).toBe(1);
      // Found in the rendered file, and pointed at the app's definition, where the Secret is written.
      expect(failed.stderr).toMatch(/^ {4}apps\/shop\/src\/[a-z-]+\.ts: error \[secret-literal-data\] Secret shop\/token \/data: a Secret with literal data/m);
      expect(failed.stderr).toContain('      rendered in dist/kubeadm-lab/apps/shop/secret-token.yaml');
      expect(await readFile(join(copy, 'dist/kubeadm-lab/inventory.json'), 'utf8')).toBe(dist);
    } finally {
      await writeFile(index, text);
    }
  });
});
