import { Worker } from 'node:worker_threads';
import { ClusterSpecError, type SpecIssue } from '@wavesmith/model/errors';
import type { SourceModule } from '@wavesmith/model/source-modules';
import type { RenderOutcome } from './render-job.js';

/** What a render worker says: an outcome, the registry did not load, or an error of ours. */
export type WorkerMessage =
  | { readonly kind: 'outcome'; readonly outcome: RenderOutcome }
  | { readonly kind: 'registry'; readonly issues: readonly SpecIssue[] }
  | { readonly kind: 'crash'; readonly name: string; readonly message: string; readonly stack: string };

/**
 * The worker's module. Under a test runner the sources run and `.ts` modules cannot start a
 * worker, so the compiled one is started (wavesmith-compile keeps it current).
 */
const WORKER = new URL(import.meta.url.endsWith('.ts') ? '../dist/render-worker.js' : './render-worker.js', import.meta.url);

interface Round {
  readonly modules: readonly SourceModule[];
  readonly onOutcome: (outcome: RenderOutcome) => void;
  readonly done: () => void;
  readonly fail: (error: Error) => void;
  next: number;
  received: number;
}

/**
 * Renders compiled cluster files on all processors: `size` worker threads, each loading Wavesmith
 * and the registry once (from the moment the pool is made, so that loading overlaps whatever the
 * build does meanwhile) and taking the next cluster file as it finishes one. With size 1 the
 * files are rendered in this thread, as a thread costs more than it saves.
 */
export class RenderPool {
  private readonly workers: Worker[];
  private round: Round | undefined;
  private failure: Error | undefined;
  private closing = false;

  constructor(
    private readonly root: string,
    size: number,
  ) {
    this.workers = size > 1 ? Array.from({ length: size }, () => this.start()) : [];
  }

  /** Renders the modules, telling each outcome as it arrives (in no particular order); nothing is kept here. */
  async render(modules: readonly SourceModule[], onOutcome: (outcome: RenderOutcome) => void): Promise<void> {
    if (modules.length === 0) return;
    if (this.workers.length === 0) return this.renderHere(modules, onOutcome);
    await new Promise<void>((done, fail) => {
      this.round = { modules, onOutcome, done, fail, next: 0, received: 0 };
      if (this.failure) fail(this.failure);
      // Two files each at first, then one per outcome: a worker never waits for this thread to send the next.
      for (const worker of [...this.workers, ...this.workers]) this.give(worker);
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }

  private start(): Worker {
    const worker = new Worker(WORKER, { workerData: { root: this.root } });
    worker.on('message', (message: WorkerMessage) => {
      if (message.kind === 'registry') this.fail(new ClusterSpecError(message.issues));
      else if (message.kind === 'crash') this.fail(Object.assign(new Error(message.message), { name: message.name, stack: message.stack }));
      else if (this.round) {
        this.round.onOutcome(message.outcome);
        if (++this.round.received === this.round.modules.length) this.round.done();
        this.give(worker);
      }
    });
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', (code) => {
      if (!this.closing) this.fail(new Error(`a render worker stopped with exit code ${code}`));
    });
    return worker;
  }

  private give(worker: Worker): void {
    const round = this.round!;
    if (round.next < round.modules.length) worker.postMessage(round.modules[round.next++]);
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.round?.fail(this.failure);
  }

  private async renderHere(modules: readonly SourceModule[], onOutcome: (outcome: RenderOutcome) => void): Promise<void> {
    const [{ loadRegistry }, { renderJob }] = await Promise.all([import('./registry.js'), import('./render-job.js')]);
    const registry = await loadRegistry(this.root);
    for (const module of modules) onOutcome(await renderJob(this.root, module, registry));
  }
}
