import { smokeSuite } from './smoke-suite.js';

smokeSuite('balancing');
