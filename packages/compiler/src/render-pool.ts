import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { ClusterSpecError, type SourceModule, type SpecIssue } from '@wavesmith/model';
import type { RenderOutcome } from './render-job.js';

/** What a render worker says: it is ready, an outcome, the registry did not load, or an error of ours. */
export type WorkerMessage =
  | { readonly kind: 'ready' }
  | { readonly kind: 'outcome'; readonly outcome: RenderOutcome }
  | { readonly kind: 'registry'; readonly issues: readonly SpecIssue[] }
  | { readonly kind: 'crash'; readonly name: string; readonly message: string; readonly stack: string };

export interface RenderPoolOptions {
  /** Threads rendering at once. @default the number of processors, at most one per cluster */
  readonly workers?: number;
  /** Told each outcome as it arrives, in no particular order. */
  readonly onOutcome?: (outcome: RenderOutcome) => void;
}

/**
 * The worker's module. Under a test runner the sources run and `.ts` modules cannot start a
 * worker, so the compiled one is started (wavesmith-compile keeps it current).
 */
const WORKER = new URL(import.meta.url.endsWith('.ts') ? '../dist/render-worker.js' : './render-worker.js', import.meta.url);

/**
 * Renders compiled cluster files on all processors: each worker thread loads Wavesmith once and
 * takes the next file as it finishes one. One file is rendered in this thread, as a thread costs
 * more than it saves. Outcomes come back in the order of `modules`.
 */
export async function renderModules(root: string, modules: readonly SourceModule[], options: RenderPoolOptions = {}): Promise<RenderOutcome[]> {
  const width = Math.max(1, Math.min(options.workers ?? availableParallelism(), modules.length));
  if (width === 1) {
    const [{ loadRegistry }, { renderJob }] = await Promise.all([import('./registry.js'), import('./render-job.js')]);
    const registry = await loadRegistry(root);
    const outcomes: RenderOutcome[] = [];
    for (const module of modules) {
      const outcome = await renderJob(root, module, registry);
      options.onOutcome?.(outcome);
      outcomes.push(outcome);
    }
    return outcomes;
  }
  const byFile = new Map<string, RenderOutcome>();
  let next = 0;
  const workers = Array.from({ length: width }, () => new Worker(WORKER, { workerData: { root } }));
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((done, fail) => {
            const give = () => (next < modules.length ? worker.postMessage(modules[next++]) : done());
            worker.on('message', (message: WorkerMessage) => {
              if (message.kind === 'registry') fail(new ClusterSpecError(message.issues));
              else if (message.kind === 'crash') fail(Object.assign(new Error(message.message), { name: message.name, stack: message.stack }));
              else {
                if (message.kind === 'outcome') {
                  byFile.set(message.outcome.file, message.outcome);
                  options.onOutcome?.(message.outcome);
                }
                give();
              }
            });
            worker.on('error', fail);
            worker.on('exit', (code) => fail(new Error(`a render worker stopped with exit code ${code}`)));
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return modules.map((module) => byFile.get(module.file)!);
}
