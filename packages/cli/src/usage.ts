import { readFileSync } from 'node:fs';
import { closest } from '@wavesmith/model/suggest';

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
  validate  render and check every cluster; print every finding; write nothing
  graph     print a cluster's sync waves as a Mermaid flowchart
  docs      write the catalogue and rules references and the JSON Schemas into docs/
  diff      compare the rendered output of two versions, with risk labels
  affected  list the clusters whose output a change of sources alters
  check     fail when the committed dist/ or argocd-apps/ differ from a fresh build

Options:
  --root DIR   repository root (default: the nearest folder above with clusters/ and pnpm-workspace.yaml)
  --debug      print the stack trace of an error
  -h, --help   show help for wavesmith or for a command
  --version    print the version

Through pnpm, \`pnpm wavesmith ...\`, \`pnpm exec wavesmith ...\` and \`pnpm -s wavesmith ...\` print
only what wavesmith prints, so \`--json\` output can be piped.

Exit codes: 0 success, 1 invalid input or failed checks, 2 usage error, 3 the output could not be
locked or written (another build, permissions, a full disk), 4 internal error (a bug).`;

export const BUILD_HELP = `Usage: wavesmith build [--cluster NAME]... [--format text|json|sarif|github] [--no-cache] [--wait SECONDS] [--shard K/N | --merge] [--root DIR]

Loads and validates every cluster in clusters/, renders and checks them in memory (in parallel,
one thread per processor), then writes dist/ and argocd-apps/ in one transaction: all of it or
nothing, also if the build is killed (the next command that reads the output finishes or
discards it). Only changed files are written; files of removed clusters and components are
pruned. A cluster is rendered again only when its inputs changed (its file and the files it
imports, apps/, Wavesmith's packages, the lockfile) or its files in dist/ are not as the last
build left them (checked by size and time, read only when those differ). A build holds the lock
.wavesmith-lock while it reads and writes the output; a second build waits for it.

Renderings are kept in node_modules/.cache/wavesmith/render/, one file per key of the inputs, so
CI can share them: each job of a matrix renders its slice with --shard K/N, and one more job
gathers the slices' files and writes the output with --merge.

Any error no waiver covers, in any cluster, stops the build: every finding is printed (see
validate) and nothing is written. Warnings and waived findings are printed and do not stop it.
A cluster left unchanged reports the findings of its last check, until one of its waivers expires.

Options:
  --cluster NAME    build only this cluster (repeat for several); other clusters' output is left as it is
  --format FORMAT   how findings are printed: text (default, on stderr), json, sarif or github (on stdout)
  --no-cache        render every cluster and read every output file, trusting nothing kept
  --wait SECONDS    how long to wait for another build to finish (default: 60)
  --shard K/N       render only slice K of N (the clusters in name order whose position is K modulo N)
                    into the render cache; dist/ and argocd-apps/ are not written
  --merge           write the output from the render cache alone, rendering nothing; fails naming
                    the clusters it lacks`;

export const LIST_HELP = `Usage: wavesmith list [--json] [--root DIR]

Lists the clusters in clusters/ with their environment, distribution, cloud and components.

Options:
  --json  print a JSON array instead of a table`;

export const VALIDATE_HELP = `Usage: wavesmith validate [--cluster NAME]... [--format text|json|sarif|github] [--root DIR]

Checks every cluster (or those named) as a build does, without writing anything: the schema and
semantic rules of each cluster description, then, for each cluster they accept, the rendered
output (schemas, Pod Security, images, Secrets, Argo CD waves and graph, Terraform, node user
data). Every finding of every cluster is printed at once, each with its rule id (docs/rules.md)
and the file and line of the cluster or profile that wrote the value; waivers in the cluster spec
are applied. Exit 1 on any error no waiver covers, 0 with warnings only. A write that an
interrupted build left half done is finished first (or discarded, if it had not committed), as
by any command reading the output.

Options:
  --cluster NAME    check only this cluster (repeat for several)
  --format FORMAT   text (default: grouped by cluster and component, with counts), json (schema:
                    docs/findings.schema.json), sarif (SARIF 2.1.0, for code scanning) or github
                    (workflow annotations ::error file=...,line=...::)`;

export const GRAPH_HELP = `Usage: wavesmith graph [--cluster NAME]... [--root DIR]

Prints the sync waves of each cluster (or of one) as a Mermaid flowchart.`;

export const DIFF_HELP = `Usage: wavesmith diff [--base REF] [--head REF | --worktree] [--format md|text|json] [--out DIR] [--render-base auto|always|never] [--root DIR]

Compares the rendered output of two versions, object by object: Kubernetes objects by cluster,
API group, kind, namespace and name, list items by their natural key, Terraform resources by
address. Reordered keys, documents and keyed list items are no change. Each change is shown once
for all the clusters it touches, by component in wave order, with a risk label where it deletes
data, renames, touches an immutable field, moves a wave or tier, bumps a chart major version, or
destroys or replaces a Terraform resource. Secret data and sensitive values are never printed.

Options:
  --base REF          the version to compare with (default: HEAD)
  --head REF          compare the output of REF instead of the working tree
  --worktree          compare the working tree's sources, rendered in memory (the default)
  --format FORMAT     text (default), md (pull-request comment, split into parts of at most
                      65,536 characters), json (every field)
  --out DIR           with --format md: write part-1.md, part-2.md, ... into DIR
  --render-base WHEN  auto (default): render a ref from its own sources (a temporary git worktree
                      with its own install and build) when its committed output is missing or
                      older than its sources; always; never`;

export const AFFECTED_HELP = `Usage: wavesmith affected --base REF [--json] [--render-base auto|always|never] [--root DIR]

Lists the clusters whose output the changes since the merge base of REF and HEAD (committed or
not) alter. A cluster file affects its cluster; a profile affects the clusters that import it;
edits of dist/<cluster>/ affect that cluster; a change to packages/, apps/ or the lockfile may
affect any cluster, so then every cluster is rendered and compared with the base's output and
only those that really differ are listed. Docs, tests and CI files affect none.

Options:
  --json              print the clusters, the reasons and the changed files as JSON
  --render-base WHEN  as for wavesmith diff, when the base's output must be compared`;

export const CHECK_HELP = `Usage: wavesmith check [--root DIR]

Builds every cluster afresh into a temporary folder (the repository is not written) and fails,
listing each file, when the committed dist/ or argocd-apps/ differ from it: edited by hand, or
not rebuilt after a change. Then shows what differs, object by object.`;

export const DOCS_HELP = `Usage: wavesmith docs [--check] [--root DIR]

Writes docs/catalogue.md (every platform component and business app with its options and
defaults), docs/cluster-spec.schema.json (the JSON Schema of a cluster description),
docs/rules.md (every rule a finding can have) and docs/findings.schema.json (the JSON Schema of
the findings validate prints), all generated from the catalogue, apps/ and the rule catalogues.

Options:
  --check  write nothing; exit 1 when a file is out of date`;
