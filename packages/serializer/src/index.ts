export { SerializerError } from './errors.js';
