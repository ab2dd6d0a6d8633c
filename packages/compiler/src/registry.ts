import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CATALOGUE, type ComponentDefinition } from '@wavesmith/addons';
import { ClusterSpecError, compileSourceModules, isAppDefinition, type AppDefinition, type SpecIssue, type SpecRegistry } from '@wavesmith/model';

/** What a repository's clusters can use: the platform catalogue and the business apps in its `apps/` folder. */
export interface Registry extends SpecRegistry {
  readonly platform: readonly ComponentDefinition[];
  readonly apps: readonly AppDefinition[];
}

/**
 * The catalogue plus every app definition exported by a package in `<root>/apps/`: adding an app
 * is adding a package there, and no package of Wavesmith names one. Apps come in folder order;
 * a chart defined twice, or a package that fails to load, is an error naming the package.
 */
export async function loadRegistry(root: string): Promise<Registry> {
  const issues: SpecIssue[] = [];
  const apps: AppDefinition[] = [];
  const where = new Map<string, string>();
  const dirs = await readdir(join(root, 'apps'), { withFileTypes: true }).catch(() => []);
  const packages: { name: string; folder: string; entry?: string; problem?: [value: unknown, allowed: string] }[] = [];
  for (const dir of dirs.filter((d) => d.isDirectory()).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const folder = `apps/${dir.name}`;
    const manifest = await readFile(join(root, folder, 'package.json'), 'utf8').catch(() => undefined);
    if (manifest === undefined) continue;
    try {
      const entry = sourceEntry((JSON.parse(manifest) as { exports?: unknown }).exports);
      if (entry === undefined) packages.push({ name: dir.name, folder, problem: [undefined, 'an "exports" entry point (".") exporting the app definition made with defineApp'] });
      else packages.push({ name: dir.name, folder, entry: join(folder, entry) });
    } catch (error) {
      packages.push({ name: dir.name, folder, problem: [(error as Error).message, 'a package.json that parses as JSON'] });
    }
  }
  // App packages are the repository's own code, like cluster files: compiled here, cached by content.
  const entries = packages.flatMap((p) => (p.entry === undefined ? [] : [p.entry]));
  const modules = new Map((await compileSourceModules(root, entries)).map((m) => [m.file, m]));
  for (const { name, folder, entry, problem } of packages) {
    const issue = (value: unknown, allowed: string) => issues.push({ cluster: name, file: `${folder}/package.json`, path: '', value, allowed });
    if (problem !== undefined) {
      issue(...problem);
      continue;
    }
    const compiled = modules.get(entry!)!;
    let module: Record<string, unknown>;
    try {
      if (compiled.url === undefined) throw new Error(compiled.error);
      module = (await import(compiled.url)) as Record<string, unknown>;
    } catch (error) {
      issue(error instanceof Error ? error.message.split('\n')[0] : String(error), 'a package whose entry point loads without errors');
      continue;
    }
    const definitions = Object.values(module).filter(isAppDefinition);
    if (definitions.length === 0) issue(Object.keys(module), 'a package that exports an app definition made with defineApp');
    for (const definition of definitions) {
      const other = where.get(definition.chart);
      if (other !== undefined) issue(definition.chart, `an app chart name not already defined (${other} defines "${definition.chart}" too)`);
      else {
        where.set(definition.chart, folder);
        apps.push(definition);
      }
    }
  }
  if (issues.length > 0) throw new ClusterSpecError(issues);
  return { platform: CATALOGUE as readonly ComponentDefinition[], apps };
}

/** The TypeScript entry point of a package's `exports`: `"."` as a path, or its `source` condition. */
function sourceEntry(exported: unknown): string | undefined {
  const main = typeof exported === 'string' ? exported : (exported as Record<string, unknown> | undefined)?.['.'];
  if (typeof main === 'string') return main;
  const source = (main as Record<string, unknown> | undefined)?.source;
  return typeof source === 'string' ? source : undefined;
}
