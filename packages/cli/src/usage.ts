import { readFileSync } from 'node:fs';
import { closest } from '@wavesmith/model';

/** The version of this package, printed by `wavesmith --version`. */
export const VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** Says that a command or option is unknown, with the nearest known one when it is plausibly a typo of it. */
export function unknownName(kind: 'command' | 'option', given: string, known: readonly string[]): string {
  const name = given.replace(/=.*$/, '');
  const hint = closest(name, known);
  return `unknown ${kind} "${name}"; ${hint ? `did you mean "${hint}"? ` : ''}the ${kind}s are ${known.join(', ')}`;
}

/** Thrown for wrong command-line usage; the CLI prints the message and the command's help, and exits 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly help: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

export const MAIN_HELP = `wavesmith: compile typed cluster descriptions into Kubernetes YAML, Argo CD apps and Terraform JSON

Usage: wavesmith <command> [options]

Commands:
  build     render every cluster (or the named ones) into dist/ and argocd-apps/
  list      list the clusters in clusters/
  validate  check the cluster descriptions without rendering
  graph     print a cluster's sync waves as a Mermaid flowchart
  docs      write the catalogue reference and the cluster JSON Schema into docs/

Options:
  --root DIR   repository root (default: the nearest folder above with clusters/ and pnpm-workspace.yaml)
  --debug      print the stack trace of an error
  -h, --help   show help for wavesmith or for a command
  --version    print the version

Through pnpm, \`pnpm wavesmith ...\`, \`pnpm exec wavesmith ...\` and \`pnpm -s wavesmith ...\` print
only what wavesmith prints, so \`--json\` output can be piped.

Exit codes: 0 success, 1 invalid input or failed checks, 2 usage error, 3 the output could not be
locked or written (another build, permissions, a full disk), 4 internal error (a bug).`;

export const BUILD_HELP = `Usage: wavesmith build [--cluster NAME]... [--no-cache] [--wait SECONDS] [--root DIR]

Loads and validates every cluster in clusters/, renders and checks each in memory, then writes
dist/ and argocd-apps/ in one transaction: all of it or nothing, also if the build is killed
(the next command that reads the output finishes or discards it). Files of removed clusters and
components are pruned. Clusters whose input is unchanged since the last build are reused.
A build holds the lock .wavesmith-lock while it reads and writes the output; a second build
waits for it.

Options:
  --cluster NAME    build only this cluster (repeat for several); other clusters' output is left as it is
  --no-cache        render every cluster even when its input is unchanged
  --wait SECONDS    how long to wait for another build to finish (default: 60)`;

export const LIST_HELP = `Usage: wavesmith list [--json] [--root DIR]

Lists the clusters in clusters/ with their environment, distribution, cloud and components.

Options:
  --json  print a JSON array instead of a table`;

export const VALIDATE_HELP = `Usage: wavesmith validate [--cluster NAME]... [--root DIR]

Checks the cluster descriptions against the schema and the semantic rules, and prints every
problem found; nothing is rendered or written. A write that an interrupted build left half done
is finished first (or discarded, if it had not committed), as by any command reading the output.`;

export const GRAPH_HELP = `Usage: wavesmith graph [--cluster NAME]... [--root DIR]

Prints the sync waves of each cluster (or of one) as a Mermaid flowchart.`;

export const DOCS_HELP = `Usage: wavesmith docs [--check] [--root DIR]

Writes docs/catalogue.md (every platform component and business app with its options and
defaults) and docs/cluster-spec.schema.json (the JSON Schema of a cluster description), both
generated from the catalogue and apps/.

Options:
  --check  write nothing; exit 1 when a file is out of date`;
