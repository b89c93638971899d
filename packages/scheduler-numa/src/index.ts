export { SchedulerError } from './errors.js';
