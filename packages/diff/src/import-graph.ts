import { dirname, posix } from 'node:path';

/** Relative module specifiers a TypeScript file imports: `from './x.js'`, `import './x.js'`, `import('./x.js')`. */
const IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.{1,2}\/[^'"]+)['"]/g;

/** `clusters/profiles/eks.js` imported from `clusters/tbyte-dev.ts` is the file `clusters/profiles/eks.ts`. */
function resolveSpecifier(from: string, specifier: string, files: ReadonlySet<string>): string | undefined {
  const base = posix.normalize(posix.join(dirname(from), specifier));
  const candidates = [base.replace(/\.js$/, '.ts'), base, `${base}.ts`, `${base}/index.ts`];
  return candidates.find((c) => files.has(c));
}

/** For each file, the files it imports directly (only files of the given set). */
export function importGraph(sources: ReadonlyMap<string, string>): Map<string, Set<string>> {
  const files = new Set(sources.keys());
  const graph = new Map<string, Set<string>>();
  for (const [file, content] of sources) {
    const imports = new Set<string>();
    for (const match of content.matchAll(IMPORT)) {
      const target = resolveSpecifier(file, match[1]!, files);
      if (target) imports.add(target);
    }
    graph.set(file, imports);
  }
  return graph;
}

/** Whether `file` imports `target`, directly or through other files. */
export function importsTransitively(graph: ReadonlyMap<string, ReadonlySet<string>>, file: string, target: string): boolean {
  const seen = new Set<string>();
  const stack = [file];
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (next === target) return true;
    if (seen.has(next)) continue;
    seen.add(next);
    stack.push(...(graph.get(next) ?? []));
  }
  return false;
}
