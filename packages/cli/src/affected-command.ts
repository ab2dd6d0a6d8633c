import type { Values } from './diff-command.js';
import { affectedClusters } from '@wavesmith/diff';
import { renderPolicy } from './diff-command.js';
import { AFFECTED_HELP, UsageError } from './usage.js';
import type { Io } from './main.js';

export async function runAffected(values: Values, root: string, io: Io): Promise<number> {
  if (typeof values.base !== 'string') throw new UsageError('--base REF is required: the branch or commit the change is compared with', AFFECTED_HELP);
  const result = await affectedClusters({ root, base: values.base, render: renderPolicy(values, AFFECTED_HELP), progress: (m) => io.err(`wavesmith: ${m}`) });
  if (values.json) {
    io.out(JSON.stringify({ base: values.base, mergeBase: result.mergeBase, changedFiles: result.changedFiles, clusters: result.clusters }, null, 2));
    return 0;
  }
  if (result.clusters.length === 0) {
    io.err(`wavesmith: no cluster's output changes (${result.changedFiles.length} file${result.changedFiles.length === 1 ? '' : 's'} changed since ${result.mergeBase.slice(0, 12)})`);
    return 0;
  }
  const width = Math.max(...result.clusters.map((c) => c.cluster.length));
  for (const c of result.clusters) io.out(`${c.cluster.padEnd(width)}  ${c.reasons.join('; ')}`);
  return 0;
}
