/// <reference lib="webworker" />
import { ImportMessageHandler } from './importWorkerHandler';

/**
 * The import Web Worker: runs planImport (src/data/import) off the main thread, so reading and matching 100,000 rows
 * never freezes the wizard, and reports progress as it goes. The logic is in importWorkerHandler.ts; this file only
 * wires the worker's message port to it. Created by importClient.ts.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;
const handler = new ImportMessageHandler((message, transfer) => scope.postMessage(message, transfer));
scope.onmessage = (event: MessageEvent<unknown>) => void handler.receive(event.data);
