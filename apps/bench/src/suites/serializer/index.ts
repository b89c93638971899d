import type { Suite } from '../../harness/scenario.js';
import { mediumRoundTrip, smallRoundTrip } from './round-trip.js';

export const serializerSuite: Suite = {
  name: 'serializer',
  description: 'schema codecs (decode and lazy view) against JSON, v8.serialize and msgpackr',
  scenarios: [smallRoundTrip, mediumRoundTrip],
};
