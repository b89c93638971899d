import { smokeSuite } from './smoke-suite.js';

smokeSuite('ringbuffer');
