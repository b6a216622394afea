import cluster from 'node:cluster';
import { randomUUID } from 'node:crypto';
import { AggregatorRegistry } from 'prom-client';
import { registry } from './metrics';

const ASK = 'p2p:cluster-metrics?';
const ANSWER = 'p2p:cluster-metrics';
interface Answer {
  type: typeof ANSWER;
  id: string;
  text?: string;
  error?: string;
}

// The primary aggregates over prom-client's own messages: a worker answers them once an AggregatorRegistry
// exists in it (that is what installs its listener), from the registries set here.
if (cluster.isWorker) {
  AggregatorRegistry.setRegistries([registry]);
  new AggregatorRegistry();
}

/**
 * In the primary of an API cluster: answers a worker's request for the whole cluster's metrics, so a
 * Prometheus scrape that lands on any one process still sees every process's counters (summed).
 */
export function serveClusterMetrics(): void {
  const aggregator = new AggregatorRegistry();
  cluster.on('message', (worker, msg: { type?: string; id?: string }) => {
    const id = msg?.type === ASK ? msg.id : undefined;
    if (!id) return;
    aggregator.clusterMetrics().then(
      (text) => worker.send({ type: ANSWER, id, text } satisfies Answer),
      (e: Error) => worker.send({ type: ANSWER, id, error: e.message } satisfies Answer),
    );
  });
}

/** This process's metrics, or in a cluster worker the whole cluster's (asked of the primary). */
export function processOrClusterMetrics(timeoutMs = 3000): Promise<string> {
  if (!cluster.isWorker || !process.send) return registry.metrics();
  const id = randomUUID();
  return new Promise<string>((resolve, reject) => {
    const onMessage = (msg: Answer) => {
      if (msg?.type !== ANSWER || msg.id !== id) return;
      done();
      if (msg.text !== undefined) resolve(msg.text);
      else reject(new Error(`cluster metrics: ${msg.error}`));
    };
    const timer = setTimeout(
      () => (done(), reject(new Error('cluster metrics: the primary did not answer'))),
      timeoutMs,
    );
    const done = () => (clearTimeout(timer), process.off('message', onMessage));
    process.on('message', onMessage);
    process.send!({ type: ASK, id });
  });
}
