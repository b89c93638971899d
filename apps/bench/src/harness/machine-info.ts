import { availableParallelism, cpus, totalmem } from 'node:os';

/** The machine a session ran on; repeated in every JSON record. */
export interface MachineInfo {
  readonly node: string;
  readonly cpu: string;
  readonly cores: number;
  readonly memoryBytes: number;
  readonly platform: string;
  readonly arch: string;
  /** When the session started, ISO 8601. */
  readonly date: string;
}

export function machineInfo(now: Date = new Date()): MachineInfo {
  return {
    node: process.version,
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: availableParallelism(),
    memoryBytes: totalmem(),
    platform: process.platform,
    arch: process.arch,
    date: now.toISOString(),
  };
}
