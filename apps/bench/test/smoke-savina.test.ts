import { smokeSuite } from './smoke-suite.js';

smokeSuite('savina');
