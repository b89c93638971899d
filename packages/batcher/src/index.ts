export { BatcherError } from './errors.js';
