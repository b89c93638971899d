export { RingBufferError } from './errors.js';
