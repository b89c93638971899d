import type { Suite } from '../../harness/scenario.js';
import { residentActors, residentActorsScenario } from './resident-actors.js';
import { oneKilobyte, tenKilobytes } from './transfer.js';

export const stressSuite: Suite = {
  name: 'stress',
  description:
    'scaled to this machine: small messages over up to 1M resident actors; 1 KB payloads between workers; 10 KB payloads through shared slab blocks',
  scenarios: [residentActorsScenario(residentActors()), oneKilobyte, tenKilobytes],
};
