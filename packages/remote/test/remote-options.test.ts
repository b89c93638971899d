import { describe, expect, it } from 'vitest';
import { RemoteError } from '../src/index.js';
import { DEFAULT_MAX_NODES, resolveRemoteOptions } from '../src/remote-options.js';

const base = { servers: 'nats://127.0.0.1:4222', name: 'n', cluster: 'c' } as const;

function codeOf(options: Parameters<typeof resolveRemoteOptions>[0]): string | undefined {
  try {
    resolveRemoteOptions(options);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(RemoteError);
    expect((error as RemoteError).message).toMatch(/^@zactor\/remote\/RemoteNode\.start: /);
    return (error as RemoteError).code;
  }
}

describe('resolveRemoteOptions', () => {
  it('fills the documented defaults', () => {
    expect(resolveRemoteOptions(base)).toEqual({
      maxNodes: DEFAULT_MAX_NODES,
      heartbeatMs: 1000,
      downAfterMs: 5000,
      maxPendingBytes: 8 * 1024 * 1024,
      maxBatchMessages: 256,
      batchLatencyMs: 1,
      spawnTimeoutMs: 5000,
      tagField: 'type',
    });
  });

  it('keeps valid values as given', () => {
    const resolved = resolveRemoteOptions({
      ...base,
      maxNodes: 256,
      heartbeatMs: 50,
      downAfterMs: 51,
      tagField: 'kind',
    });
    expect(resolved).toMatchObject({
      maxNodes: 256,
      heartbeatMs: 50,
      downAfterMs: 51,
      tagField: 'kind',
    });
  });

  it('rejects bad names, node counts, timings and sizes with INVALID_OPTION', () => {
    const bad: Parameters<typeof resolveRemoteOptions>[0][] = [
      { ...base, cluster: '' },
      { ...base, cluster: 'x'.repeat(65) },
      { ...base, cluster: 'has.dot' },
      { ...base, name: '' },
      { ...base, name: 'x'.repeat(129) },
      { ...base, maxNodes: 1 },
      { ...base, maxNodes: 2.5 },
      { ...base, maxNodes: 257 },
      { ...base, heartbeatMs: 0 },
      { ...base, heartbeatMs: Number.NaN },
      { ...base, downAfterMs: -1 },
      { ...base, heartbeatMs: 100, downAfterMs: 100 },
      { ...base, maxPendingBytes: 0 },
      { ...base, maxBatchMessages: -5 },
      { ...base, batchLatencyMs: 0 },
      { ...base, spawnTimeoutMs: 0 },
    ];
    for (const options of bad)
      expect(codeOf(options), JSON.stringify(options)).toBe('INVALID_OPTION');
  });
});
