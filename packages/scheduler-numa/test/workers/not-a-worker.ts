// A module without a defineWorker(...) default export: starting a pool on it must fail.
export const notAWorker = true;
