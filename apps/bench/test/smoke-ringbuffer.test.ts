import { smokeSuites } from './smoke-suite.js';

smokeSuites(['ringbuffer']);
