import { type WorkerLike } from '../../src/worker/analysisClient';
import { AnalysisMessageHandler } from '../../src/worker/handleAnalysisMessage';

/**
 * A stand-in for the browser's Worker: messages cross by structured clone with their transfer lists, as they would
 * between threads, and each side hears the other in a later task. The handler inside is the real one, so a client
 * over it runs the real engine (tests that need the analysis worker in Node).
 */
export function inProcessWorker(): { worker: WorkerLike; sent: unknown[] } {
  const sent: unknown[] = [];
  const worker: WorkerLike = {
    onmessage: null,
    postMessage(message, transfer) {
      const copy = structuredClone(message, { transfer });
      sent.push(copy);
      setTimeout(() => handler.receive(copy), 0);
    },
    terminate() {},
  };
  const handler = new AnalysisMessageHandler((answer, transfer) => {
    const copy = structuredClone(answer, { transfer });
    setTimeout(() => worker.onmessage?.({ data: copy } as MessageEvent), 0);
  });
  return { worker, sent };
}
