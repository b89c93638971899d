import { describe, expect, it } from 'vitest';
import {
  CodecRegistry,
  type FallbackCodec,
  MsgpackrFallbackCodec,
  rejectSharedMemory,
  SerializerError,
  V8FallbackCodec,
} from '../src/index.js';

const fallbacks: [string, () => FallbackCodec][] = [
  ['msgpackr', () => new MsgpackrFallbackCodec()],
  ['v8', () => new V8FallbackCodec()],
];

/** What `f` threw (fails the test when it returns). */
function thrown(f: () => unknown): SerializerError {
  try {
    f();
  } catch (error) {
    expect(error).toBeInstanceOf(SerializerError);
    return error as SerializerError;
  }
  throw new Error('expected a throw');
}

describe.each(fallbacks)('%s fallback codec and shared memory', (_name, make) => {
  it('refuses a SharedArrayBuffer instead of sending it as {}, naming where it is', () => {
    const fallback = make();
    const sab = new SharedArrayBuffer(8);
    const error = thrown(() => fallback.encode({ job: 1, buffer: sab }));
    expect(error.code).toBe('UNENCODABLE');
    expect(error.message).toContain('the value holds a SharedArrayBuffer at buffer:');
    expect(error.message).toContain('cannot be copied through a frame');
    expect(thrown(() => fallback.encode(sab)).message).toContain('SharedArrayBuffer at its root');
  });

  it('refuses a typed array or DataView over a SharedArrayBuffer instead of an unshared copy', () => {
    const fallback = make();
    const sab = new SharedArrayBuffer(16);
    const cases: [unknown, string][] = [
      [
        { rows: [1, { data: new Float64Array(sab) }] },
        'a Float64Array over a SharedArrayBuffer at rows[1].data',
      ],
      [new Map([['k', new DataView(sab)]]), 'a DataView over a SharedArrayBuffer at [map value]'],
      [new Set([[new Uint8Array(sab, 4)]]), 'at [set value][0]'],
      [new Error('failed', { cause: { view: new Int32Array(sab) } }), 'at cause.view'],
    ];
    for (const [value, where] of cases) {
      const error = thrown(() => fallback.encode(value));
      expect(error.code).toBe('UNENCODABLE');
      expect(error.message).toContain(where);
    }
  });

  it('finds shared memory in cyclic and in large values, and still sends them without it', () => {
    const fallback = make();
    const loop: Record<string, unknown> = { name: 'loop' };
    loop.self = loop;
    loop.list = [loop, loop];
    const wide = Array.from({ length: 3000 }, (_, i) => ({ i }));
    expect(fallback.decode(fallback.encode(wide).slice())).toEqual(wide);
    const back = fallback.decode(fallback.encode(loop).slice()) as Record<string, unknown>;
    expect(back.self).toBe(back);
    loop.buffer = new SharedArrayBuffer(1);
    expect(thrown(() => fallback.encode(loop)).message).toContain('SharedArrayBuffer at buffer');
    wide.push({ i: new Uint8Array(new SharedArrayBuffer(1)) as never });
    expect(thrown(() => fallback.encode(wide)).message).toContain('at [3000].i');
  });

  it('still copies ordinary ArrayBuffers and typed arrays', () => {
    const fallback = make();
    const value = { raw: new ArrayBuffer(4), view: new Uint16Array([1, 2]) };
    expect(fallback.decode(fallback.encode(value).slice())).toEqual(value);
  });

  it('refuses it through the registry frame too', () => {
    const registry = new CodecRegistry({ fallback: make() });
    const view = new DataView(new ArrayBuffer(256));
    const error = thrown(() =>
      registry.fallback.encode({ sab: new SharedArrayBuffer(4) }, view, 0),
    );
    expect(error.code).toBe('UNENCODABLE');
  });
});

describe('rejectSharedMemory', () => {
  it('prefixes the place that called it and accepts values without shared memory', () => {
    expect(() => rejectSharedMemory('Thing.send', { a: [1, 'x', null] })).not.toThrow();
    expect(() => rejectSharedMemory('Thing.send', 5)).not.toThrow();
    expect(
      thrown(() => rejectSharedMemory('Thing.send', [new SharedArrayBuffer(1)])).message,
    ).toMatch(/^@zactor\/serializer\/Thing\.send: the value holds a SharedArrayBuffer at \[0\]/);
  });

  it('looks into class instances unless the caller says the format writes them opaquely', () => {
    class Job {
      readonly buffer = new SharedArrayBuffer(4);
    }
    class Handle {
      readonly internals = { buffer: new SharedArrayBuffer(4) };
    }
    expect(thrown(() => rejectSharedMemory('X', { job: new Job() })).message).toContain(
      'at job.buffer',
    );
    const opaque = (x: object) => x instanceof Handle;
    expect(() =>
      rejectSharedMemory('X', { to: new Handle(), list: [new Handle()] }, opaque),
    ).not.toThrow();
    expect(
      thrown(() => rejectSharedMemory('X', [new Handle(), new Job()], opaque)).message,
    ).toContain('at [1].buffer');
  });
});
