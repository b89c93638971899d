import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { SizeClassAllocator } from '@zactor/mempool';
import { runTsWorker, stressMode, testSeed } from '@zactor/testing';
import { describe, expect, it } from 'vitest';
import { CodecRegistry, t } from '../src/index.js';
import { createRing } from './workers/protocol.js';

const run = promisify(execFile);
const worker = (name: string) => new URL(`./workers/${name}.ts`, import.meta.url);

describe('across threads and processes', () => {
  it('delivers every inline and block message from a producer worker to a consumer worker intact', async () => {
    const seed = testSeed('cross-worker orders');
    const count = stressMode() ? 200_000 : 5_000;
    const pool = SizeClassAllocator.create();
    const data = { ring: createRing(), pool: pool.buffer, count, seed };
    const [produced, consumed] = await Promise.all([
      runTsWorker<{ classes: number[] }>(worker('order-producer'), data),
      runTsWorker<{ matched: number; mismatches: string[] }>(worker('order-consumer'), data),
    ]);
    expect(consumed.mismatches).toEqual([]);
    expect(consumed.matched).toBe(count);
    expect(produced.classes[0]! + produced.classes[1]!).toBe(count);
    expect(produced.classes[0]).toBeGreaterThan(0);
    expect(produced.classes[1]).toBeGreaterThan(0);
    expect(pool.outstanding()).toBe(0);
  });

  it('fails loudly in a worker that registered another version of the schema', async () => {
    const registry = new CodecRegistry();
    const ping = registry.register(7, t.struct({ seq: t.u32 }), { name: 'Ping' });
    const frame = new SharedArrayBuffer(64);
    const length = ping.encode({ seq: 42 }, new DataView(frame), 0);
    const same = await runTsWorker<{ ok: boolean; value?: unknown }>(worker('version-reader'), {
      frame,
      length,
      version: 1,
    });
    expect(same).toEqual({ ok: true, value: { seq: 42 } });
    const newer = await runTsWorker<{ ok: boolean; code?: string; typeName?: string }>(
      worker('version-reader'),
      { frame, length, version: 2 },
    );
    expect(newer).toEqual({ ok: false, code: 'FINGERPRINT_MISMATCH', typeName: 'Ping' });
  });

  it('compiles codecs from closures where code generation from strings is disallowed', async () => {
    // A V8 flag no Worker accepts, so this one runs in a child process (killed after 30 s).
    const { stdout } = await run(
      process.execPath,
      [
        '--disallow-code-generation-from-strings',
        '--conditions=@zactor/source',
        '--import',
        'tsx',
        fileURLToPath(new URL('./processes/no-codegen.ts', import.meta.url)),
      ],
      { cwd: fileURLToPath(new URL('..', import.meta.url)), timeout: 30_000 },
    );
    expect(JSON.parse(stdout)).toEqual({
      evalBlocked: true,
      backend: 'composed',
      value: { id: 5, name: 'closures', xs: [1, 2] },
      viewName: 'closures',
    });
  });
});
