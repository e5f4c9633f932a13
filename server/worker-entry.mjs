// Worker threads do not inherit tsx's loader from the main thread: register it, then load the
// worker module the thread was started for (workerData.module, a file: URL).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.module);
