import { smokeSuites } from './smoke-suite.js';

smokeSuites(['stress']);
