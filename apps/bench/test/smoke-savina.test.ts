import { smokeSuites } from './smoke-suite.js';

smokeSuites(['savina']);
