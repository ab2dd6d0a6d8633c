import { parentPort, workerData } from 'node:worker_threads';
import { ClusterSpecError, prepareValidator, type SourceModule } from '@wavesmith/model';
import { loadRegistry, type Registry } from './registry.js';
import { renderJob } from './render-job.js';
import type { WorkerMessage } from './render-pool.js';

/**
 * A render worker (see render-pool.ts): loads the registry once, then renders each cluster file
 * it is sent and answers with the outcome; a registry that fails to load is told once, and then
 * nothing is rendered.
 */
const { root, date } = workerData as { root: string; date: string };
const port = parentPort!;
const post = (message: WorkerMessage) => port.postMessage(message);

let registry: Registry | undefined;
try {
  registry = await loadRegistry(root);
  prepareValidator(registry);
} catch (error) {
  if (error instanceof ClusterSpecError) post({ kind: 'registry', findings: error.findings });
  else crash(error);
}

port.on('message', (module: SourceModule) => {
  if (registry) renderJob(root, module, registry, date).then((outcome) => post({ kind: 'outcome', outcome }), crash);
});

function crash(error: unknown): void {
  const { name, message, stack } = error instanceof Error ? error : new Error(String(error));
  post({ kind: 'crash', name, message, stack: stack ?? '' });
}
