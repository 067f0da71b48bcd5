/// <reference lib="webworker" />
import { AnalysisMessageHandler } from './handleAnalysisMessage';

/**
 * The analysis Web Worker: hosts one explore session (src/analysis/exploreSession.ts) off the main thread.
 * All logic is in handleAnalysisMessage.ts; this file only wires the worker's message port to it.
 * Created by analysisClient.ts with `new Worker(new URL('./analysis.worker.ts', import.meta.url), { type: 'module' })`.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;
const handler = new AnalysisMessageHandler((message, transfer) => scope.postMessage(message, transfer));
scope.onmessage = (event: MessageEvent<unknown>) => handler.receive(event.data);
