import type { Values } from './diff-command.js';
import { checkOutput, compareTrees, textReport } from '@wavesmith/diff';
import type { Io } from './main.js';

/** Fails, listing each file, when the committed dist/ or argocd-apps/ differ from a fresh build; then says what differs. */
export async function runCheck(_values: Values, root: string, io: Io): Promise<number> {
  const drift = await checkOutput(root);
  const count = drift.modified.length + drift.missing.length + drift.extra.length;
  if (count === 0) {
    io.out(`dist/ and argocd-apps/ match a fresh build of ${drift.clusters} cluster${drift.clusters === 1 ? '' : 's'} (${drift.fresh.size} files)`);
    return 0;
  }
  io.err(`wavesmith: ${count} file${count === 1 ? '' : 's'} of dist/ and argocd-apps/ differ from a fresh build (edited by hand, or not rebuilt):`);
  for (const p of drift.modified) io.err(`  modified  ${p}`);
  for (const p of drift.missing) io.err(`  missing   ${p} (a fresh build writes it; it is not committed)`);
  for (const p of drift.extra) io.err(`  extra     ${p} (committed; a fresh build does not write it)`);
  const input = { base: { label: 'committed', origin: 'folder' as const }, head: { label: 'fresh build', origin: 'worktree' as const }, ...compareTrees(drift.committed, drift.fresh) };
  io.err(`\nWhat differs:\n${textReport(input)}\n\nRun \`corepack pnpm build\` and commit dist/ and argocd-apps/.`);
  return 1;
}
