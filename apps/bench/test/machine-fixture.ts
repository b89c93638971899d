import type { MachineInfo } from '../src/harness/machine-info.js';

/** A fixed machine for report and record tests; `overrides` for what a test checks. */
export function testMachine(overrides: Partial<MachineInfo> = {}): MachineInfo {
  return {
    node: 'v20.20.2',
    cpu: 'Test CPU',
    cores: 2,
    memoryBytes: 1024,
    platform: 'linux',
    arch: 'x64',
    date: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}
