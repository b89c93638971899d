// Child process of typescript-workers.test.ts: registers tsx on this thread only (no flag a
// worker could inherit), then runs main.ts, whose pool must refuse its TypeScript module.
import { register } from 'tsx/esm/api';

register();
await import('./main.ts');
