export { MemPoolError } from './errors.js';
