import { findSourceMap } from 'node:module';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Why a cluster file did not load, in one line that points at the place: the compiler's reason
 * with `file:line:column` for a syntax error, or the error thrown and the first place in the
 * repository's own files it was thrown from. Paths are relative to `root`.
 */
export function describeLoadFailure(error: unknown, repositoryRoot: string): string {
  const root = resolve(repositoryRoot);
  if (!(error instanceof Error)) return `threw ${JSON.stringify(error) ?? String(error)}`;
  const relative = (text: string) => text.split(`file://${root}/`).join('').split(`${root}/`).join('');
  // esbuild lists each syntax error as `<file>:<line>:<column>: ERROR: <reason>`, with a column
  // counted from 0; editors and tsc count from 1, as printed here.
  const syntax = [...error.message.matchAll(/^(.+):(\d+):(\d+): ERROR: (.+)$/gm)].map(
    ([, file, line, column, reason]) => `${relative(file!)}:${line}:${Number(column) + 1}: ${reason}`,
  );
  if (syntax.length > 0) return syntax.join('; ');
  const message = relative(error.message.split('\n')[0]!);
  const place = thrownFrom(error.stack ?? '', root);
  return place === undefined ? message : `${message} (at ${place})`;
}

/** The first stack frame in a file of the repository outside node_modules, as `file:line:column` of the source. */
function thrownFrom(stack: string, root: string): string | undefined {
  for (const match of stack.matchAll(/^\s+at (?:.*\()?(.+?):(\d+):(\d+)\)?$/gm)) {
    const { url, line, column } = sourcePosition(match[1]!, Number(match[2]), Number(match[3]));
    const path = url.startsWith('file://') ? fileURLToPath(url) : url;
    if (path.startsWith(`${root}/`) && !path.includes('/node_modules/')) return `${path.slice(root.length + 1)}:${line}:${column}`;
  }
  return undefined;
}

/**
 * The place in the TypeScript source of a place in the compiled module. Node prints stacks in
 * source positions only when no one else formats them (a test runner does), so the position is
 * looked up in the source map of the compiled module (keyed by its URL, which differs from the
 * source's, so a frame already in source positions is kept as is).
 */
export function sourcePosition(url: string, line: number, column: number): { url: string; line: number; column: number } {
  const entry = findSourceMap(url)?.findEntry(line - 1, column - 1);
  if (entry === undefined || !('originalSource' in entry)) return { url, line, column };
  return { url: entry.originalSource, line: entry.originalLine + 1, column: entry.originalColumn + 1 };
}

/**
 * The file of the code that called `definer` (the URL of a module such as the one of
 * defineComponent): where a catalogue component or an app is defined. The define functions
 * record it, so that findings about a default of theirs point there.
 */
export function callerFile(definer: string): string | undefined {
  const own = fileURLToPath(new URL('.', import.meta.url));
  const skip = fileURLToPath(definer.replace(/\?.*$/, ''));
  for (const match of (new Error().stack ?? '').matchAll(/^\s+at (?:.*\()?(.+?):(\d+):(\d+)\)?$/gm)) {
    const { url } = sourcePosition(match[1]!, Number(match[2]), Number(match[3]));
    const path = url.startsWith('file://') ? fileURLToPath(url.replace(/\?.*$/, '')) : url;
    if (path.startsWith('/') && !path.startsWith(own) && path !== skip && !path.includes('/node_modules/')) return path;
  }
  return undefined;
}
