import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CATALOGUE, type ComponentDefinition } from '@wavesmith/addons';
import { ClusterSpecError, isAppDefinition, specMessage, type AppDefinition, type Finding, type SpecRegistry } from '@wavesmith/model';

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
  const issues: Finding[] = [];
  const apps: AppDefinition[] = [];
  const where = new Map<string, string>();
  const dirs = await readdir(join(root, 'apps'), { withFileTypes: true }).catch(() => []);
  for (const dir of dirs.filter((d) => d.isDirectory()).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const folder = `apps/${dir.name}`;
    const manifest = await readFile(join(root, folder, 'package.json'), 'utf8').catch(() => undefined);
    if (manifest === undefined) continue;
    const issue = (value: unknown, allowed: string) =>
      issues.push({ rule: 'app-package-invalid', severity: 'error', cluster: dir.name, path: '', value, allowed, message: specMessage(value, allowed), source: { file: `${folder}/package.json` } });
    let entry: string | undefined;
    try {
      const exported = (JSON.parse(manifest) as { exports?: { '.'?: unknown } | string }).exports;
      entry = typeof exported === 'string' ? exported : typeof exported?.['.'] === 'string' ? exported['.'] : undefined;
    } catch (error) {
      issue((error as Error).message, 'a package.json that parses as JSON');
      continue;
    }
    if (entry === undefined) {
      issue(undefined, 'an "exports" entry point (".") exporting the app definition made with defineApp');
      continue;
    }
    let module: Record<string, unknown>;
    try {
      module = (await import(pathToFileURL(join(root, folder, entry)).href)) as Record<string, unknown>;
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
