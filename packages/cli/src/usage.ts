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
  build     render every cluster (or one) into dist/ and argocd-apps/
  list      list the clusters in clusters/
  validate  check the cluster descriptions without rendering
  graph     print a cluster's sync waves as a Mermaid flowchart
  docs      write the catalogue reference and the cluster JSON Schema into docs/

Options:
  --root DIR   repository root (default: the nearest folder above with clusters/ and pnpm-workspace.yaml)
  -h, --help   show help for wavesmith or for a command

Exit codes: 0 success, 1 invalid input or failed checks, 2 usage error.`;

export const BUILD_HELP = `Usage: wavesmith build [--cluster NAME] [--no-cache] [--root DIR]

Loads and validates every cluster in clusters/, renders and checks each in memory, then writes
dist/ and argocd-apps/ in one transaction: all of it or nothing. Files of removed clusters and
components are pruned. Clusters whose input is unchanged since the last build are reused.

Options:
  --cluster NAME  build only this cluster; other clusters' output is left as it is
  --no-cache      render every cluster even when its input is unchanged`;

export const LIST_HELP = `Usage: wavesmith list [--json] [--root DIR]

Lists the clusters in clusters/ with their environment, distribution, cloud and components.

Options:
  --json  print a JSON array instead of a table`;

export const VALIDATE_HELP = `Usage: wavesmith validate [--cluster NAME] [--root DIR]

Checks the cluster descriptions against the schema and the semantic rules, and prints every
problem found; nothing is rendered or written.`;

export const GRAPH_HELP = `Usage: wavesmith graph [--cluster NAME] [--root DIR]

Prints the sync waves of each cluster (or of one) as a Mermaid flowchart.`;

export const DOCS_HELP = `Usage: wavesmith docs [--check] [--root DIR]

Writes docs/catalogue.md (every platform component and business app with its options and
defaults) and docs/cluster-spec.schema.json (the JSON Schema of a cluster description), both
generated from the catalogue and apps/.

Options:
  --check  write nothing; exit 1 when a file is out of date`;
