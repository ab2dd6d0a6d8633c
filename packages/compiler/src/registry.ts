import { CATALOGUE, type ComponentDefinition } from '@wavesmith/addons';
import { ClusterSpecError, compileSourceModules, fileFinding, importSourceModule, isAppDefinition, type AppDefinition, type Finding, type SpecRegistry } from '@wavesmith/model';
import { appEntries, findAppPackages } from './app-packages.js';

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
  const packages = await findAppPackages(root);
  // App packages are the repository's own code, like cluster files: compiled here, cached by content.
  const modules = new Map((await compileSourceModules(root, appEntries(packages))).map((m) => [m.file, m]));
  for (const { name, folder, entry, problem } of packages) {
    const issue = (value: unknown, allowed: string) => issues.push(fileFinding('app-package-invalid', name, `${folder}/package.json`, value, allowed));
    if (problem !== undefined) {
      issue(...problem);
      continue;
    }
    const compiled = modules.get(entry!)!;
    let module: Record<string, unknown>;
    try {
      if (compiled.url === undefined) throw new Error(compiled.error);
      module = await importSourceModule(compiled.url);
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
