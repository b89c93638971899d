import { runTsWorker } from '@zactor/testing';
import { describe, expect, it } from 'vitest';
import {
  type AffinityResult,
  affinitySupport,
  currentAffinity,
  currentCpu,
  pinCurrentThread,
  readTopology,
  SchedulerError,
} from '../src/index.js';

const support = affinitySupport();
const pinSelf = new URL('./workers/pin-self.ts', import.meta.url);

describe('affinity', () => {
  it('says whether it is supported, with a reason when it is not', () => {
    if (process.platform === 'linux') expect(support).toEqual({ supported: true });
    else expect(support).toEqual({ supported: false, reason: expect.any(String) });
  });

  it.runIf(support.supported)(
    'runs a pinned worker only on the cpu it was pinned to, leaving the main thread alone',
    async () => {
      const before = currentAffinity();
      const cpu = readTopology().allowedCpus.at(-1)!;
      const report = await runTsWorker<{
        result: AffinityResult;
        impossible: AffinityResult;
        seen: number[];
        mask: number[];
      }>(pinSelf, { cpu });
      expect(report.result).toEqual({ ok: true });
      expect(report.seen).toEqual([cpu]);
      expect(report.mask).toEqual([cpu]);
      expect(report.impossible).toEqual({ ok: false, reason: expect.stringMatching(/errno/) });
      expect(currentAffinity()).toEqual(before);
    },
  );

  it.runIf(support.supported)('reads the current cpu from within the affinity mask', () => {
    expect(currentAffinity()).toContain(currentCpu());
  });

  it('loads koffi on the first affinity call, not at import', async () => {
    const report = await runTsWorker<{ atImport: boolean; afterCall: boolean }>(
      new URL('./workers/lazy-koffi.ts', import.meta.url),
    );
    expect(report.atImport).toBe(false);
    expect(report.afterCall).toBe(process.platform === 'linux');
  });

  it('throws a SchedulerError for an empty or malformed cpu set', () => {
    expect(() => pinCurrentThread([])).toThrow(SchedulerError);
    expect(() => pinCurrentThread([-1])).toThrow(/not a non-negative integer/);
    expect(() => pinCurrentThread([0.5])).toThrow(/0.5/);
  });
});
