import { Worker } from 'node:worker_threads';
import { ClusterSpecError } from '@wavesmith/model/errors';
import type { Finding } from '@wavesmith/model/finding';
import type { SourceModule } from '@wavesmith/model/source-modules';
import type { RenderOutcome } from './render-job.js';

/** What a render worker says: an outcome, the registry did not load, or an error of ours. */
export type WorkerMessage =
  | { readonly kind: 'outcome'; readonly outcome: RenderOutcome }
  | { readonly kind: 'registry'; readonly findings: readonly Finding[] }
  | { readonly kind: 'crash'; readonly name: string; readonly message: string; readonly stack: string };

/**
 * The worker's module. Under a test runner the sources run and `.ts` modules cannot start a
 * worker, so the compiled one is started (wavesmith-compile keeps it current).
 */
const WORKER = new URL(import.meta.url.endsWith('.ts') ? '../dist/render-worker.js' : './render-worker.js', import.meta.url);

type Render = (module: SourceModule) => Promise<RenderOutcome>;

interface Round {
  readonly modules: readonly SourceModule[];
  readonly onOutcome: (outcome: RenderOutcome) => void;
  readonly done: () => void;
  readonly fail: (error: Error) => void;
  next: number;
  received: number;
}

/**
 * Renders compiled cluster files on `size` threads: this one and `size - 1` worker threads, each
 * loading Wavesmith and the registry once, from the moment the pool is made (so that loading
 * overlaps whatever the build does meanwhile), and taking the next cluster file as it finishes
 * one. This thread renders too: a thread of its own would cost a load of everything more.
 */
export class RenderPool {
  private readonly workers: Worker[];
  private readonly here: Promise<Render>;
  private round: Round | undefined;
  private failure: Error | undefined;
  private closing = false;

  constructor(
    private readonly root: string,
    size: number,
    /** The day waivers expire against (YYYY-MM-DD), the same in every thread. */
    private readonly date: string,
  ) {
    this.workers = Array.from({ length: Math.max(0, size - 1) }, () => this.start());
    this.here = this.loadHere();
    // A registry that fails to load fails the round that needs it.
    this.here.catch(() => undefined);
  }

  /** Renders the modules, telling each outcome as it arrives (in no particular order); nothing is kept here. */
  async render(modules: readonly SourceModule[], onOutcome: (outcome: RenderOutcome) => void): Promise<void> {
    if (modules.length === 0) return;
    const finished = new Promise<void>((done, fail) => {
      this.round = { modules, onOutcome, done, fail, next: 0, received: 0 };
      if (this.failure) fail(this.failure);
    });
    // Two files each at first, then one per outcome: a worker never waits for this thread to send the next.
    for (const worker of [...this.workers, ...this.workers]) this.give(worker);
    await Promise.all([finished, this.renderHere()]);
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }

  private async loadHere(): Promise<Render> {
    const [{ loadRegistry }, { renderJob }, { prepareValidator }] = await Promise.all([import('./registry.js'), import('./render-job.js'), import('@wavesmith/model')]);
    const registry = await loadRegistry(this.root);
    prepareValidator(registry);
    return (module) => renderJob(this.root, module, registry, this.date);
  }

  /** This thread's share: the next file not given to a worker, until there is none. */
  private async renderHere(): Promise<void> {
    const round = this.round!;
    try {
      const render = await this.here;
      while (round.next < round.modules.length && this.failure === undefined) this.receive(await render(round.modules[round.next++]!));
    } catch (error) {
      this.fail(error instanceof Error ? error : new Error(String(error)));
    }
  }

  private start(): Worker {
    const worker = new Worker(WORKER, { workerData: { root: this.root, date: this.date } });
    worker.on('message', (message: WorkerMessage) => {
      if (message.kind === 'registry') this.fail(new ClusterSpecError(message.findings));
      else if (message.kind === 'crash') this.fail(Object.assign(new Error(message.message), { name: message.name, stack: message.stack }));
      else {
        this.receive(message.outcome);
        this.give(worker);
      }
    });
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', (code) => {
      if (!this.closing) this.fail(new Error(`a render worker stopped with exit code ${code}`));
    });
    return worker;
  }

  private receive(outcome: RenderOutcome): void {
    const round = this.round!;
    round.onOutcome(outcome);
    if (++round.received === round.modules.length) round.done();
  }

  private give(worker: Worker): void {
    const round = this.round;
    if (round && round.next < round.modules.length && this.failure === undefined) worker.postMessage(round.modules[round.next++]);
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.round?.fail(this.failure);
  }
}
