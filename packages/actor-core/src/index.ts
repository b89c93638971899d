export { ActorError } from './errors.js';
