import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** A package in `apps/`: its entry point (relative to the root), or why it has none. */
export interface AppPackage {
  readonly name: string;
  /** The package folder, relative to the root. */
  readonly folder: string;
  readonly entry?: string;
  readonly problem?: readonly [value: unknown, allowed: string];
}

/** The packages in `<root>/apps/`, in folder order: every folder with a package.json. */
export async function findAppPackages(root: string): Promise<AppPackage[]> {
  const dirs = await readdir(join(root, 'apps'), { withFileTypes: true }).catch(() => []);
  const packages: AppPackage[] = [];
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
  return packages;
}

/** The entry points of the packages that have one. */
export function appEntries(packages: readonly AppPackage[]): string[] {
  return packages.flatMap((p) => (p.entry === undefined ? [] : [p.entry]));
}

/** The TypeScript entry point of a package's `exports`: `"."` as a path, or its `source` condition. */
function sourceEntry(exported: unknown): string | undefined {
  const main = typeof exported === 'string' ? exported : (exported as Record<string, unknown> | undefined)?.['.'];
  if (typeof main === 'string') return main;
  const source = (main as Record<string, unknown> | undefined)?.source;
  return typeof source === 'string' ? source : undefined;
}
