import { createRequire } from 'node:module';
import { parentPort } from 'node:worker_threads';

// Reports whether koffi is loaded after importing the package, and after asking for support.
const cache = createRequire(import.meta.url).cache;
const koffiLoaded = () => Object.keys(cache).some((path) => path.includes('/koffi/'));
const { affinitySupport } = await import('../../src/index.js');
const atImport = koffiLoaded();
const support = affinitySupport();
parentPort?.postMessage({ atImport, afterCall: koffiLoaded(), support });
