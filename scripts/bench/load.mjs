// The load generator of the service benchmark (scripts/bench/server.mjs), in a worker thread so
// that it does not share the server's event loop: one autocannon run with the options it is given
// (`workerData`), answering with every response's status, latency and time of arrival. The time
// is taken here, from the start to the last response, rather than autocannon's `duration`, which
// counts up to its next one-second tick.
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import autocannon from 'autocannon';

const latencies = [];
/** When each response arrived, in ms from the start. */
const times = [];
const statusCodes = {};
const started = performance.now();
let last = started;
const run = autocannon(workerData);
run.on('response', (_client, status, _bytes, ms) => {
  last = performance.now();
  latencies.push(ms);
  times.push(last - started);
  statusCodes[status] = (statusCodes[status] ?? 0) + 1;
});
const result = await run;
parentPort.postMessage({
  seconds: (last - started) / 1000,
  latencies: Float64Array.from(latencies),
  times: Float64Array.from(times),
  statusCodes,
  errors: result.errors,
  timeouts: result.timeouts,
});
