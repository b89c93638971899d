import { describe, expect, it } from 'vitest';
import {
  CodecRegistry,
  codec,
  FALLBACK_TYPE_ID,
  HEADER_BYTES,
  MessageCodec,
  SerializerError,
  t,
  V8FallbackCodec,
} from '../src/index.js';

const Ping = t.struct({ seq: t.u32 });
const Chat = t.struct({ from: t.ref, text: t.utf8 });

describe('CodecRegistry', () => {
  it('dispatches each frame to the codec registered under its type id', () => {
    const registry = new CodecRegistry();
    const ping = registry.register(1, Ping, { name: 'Ping' });
    const chat = registry.register(2, Chat, { name: 'Chat' });
    const view = new DataView(new ArrayBuffer(256));
    let at = 0;
    at += ping.encode({ seq: 7 }, view, at);
    const chatAt = at;
    at += chat.encode({ from: 3, text: 'hi' }, view, at);
    const fallbackAt = at;
    at += registry.fallback.encode({ any: ['thing', 1] }, view, at);

    expect(registry.typeIdAt(view, 0)).toBe(1);
    expect(registry.typeIdAt(view, chatAt)).toBe(2);
    expect(registry.typeIdAt(view, fallbackAt)).toBe(FALLBACK_TYPE_ID);
    expect(registry.frameLength(view, 0)).toBe(HEADER_BYTES + 4);
    expect(registry.decode(view, 0, chatAt)).toEqual({ seq: 7 });
    expect(registry.decode(view, chatAt, fallbackAt)).toEqual({ from: 3, text: 'hi' });
    expect((registry.view(view, chatAt, fallbackAt) as { text: string }).text).toBe('hi');
    expect(registry.decode(view, fallbackAt, at)).toEqual({ any: ['thing', 1] });
    expect(registry.view(view, fallbackAt, at)).toEqual({ any: ['thing', 1] });
    expect(registry.get(2)).toBe(chat);
    expect(registry.get(3)).toBeUndefined();
  });

  it('frames a message with its type id, fingerprint and body length', () => {
    const registry = new CodecRegistry();
    const ping = registry.register(300, Ping, { name: 'Ping' });
    expect(ping).toBeInstanceOf(MessageCodec);
    expect(ping.fixedSize).toBe(HEADER_BYTES + 4);
    expect(ping.sizeOf({ seq: 1 })).toBe(HEADER_BYTES + 4);
    const view = new DataView(new ArrayBuffer(32));
    expect(ping.encode({ seq: 1 }, view, 0)).toBe(20);
    expect(view.getUint16(0, true)).toBe(300);
    expect(view.getUint32(4, true)).toBe(codec(Ping).fingerprint);
    expect(view.getUint32(8, true)).toBe(4);
    expect(ping.encode({ seq: 1 }, view, 13)).toBe(-1);
  });

  it('returns -1 from typeIdAt and frameLength when the header is cut short', () => {
    const registry = new CodecRegistry();
    const view = new DataView(new ArrayBuffer(20));
    expect(registry.typeIdAt(view, 5)).toBe(-1);
    expect(registry.frameLength(view, 0, 15)).toBe(-1);
    expect(registry.frameLength(view, -1)).toBe(-1);
  });

  it('refuses taken, reserved and out-of-range type ids', () => {
    const registry = new CodecRegistry();
    registry.register(1, Ping);
    expect(() => registry.register(1, Chat)).toThrow(SerializerError);
    expect(() => registry.register(1, Chat)).toThrow(/already registered/);
    expect(() => registry.register(0, Chat)).toThrow(/1\.\.65535/);
    expect(() => registry.register(65536, Chat)).toThrow(/1\.\.65535/);
    expect(() => registry.register(1.5, Chat)).toThrow(/1\.\.65535/);
  });

  it('accepts a compiled codec and keeps its name', () => {
    const registry = new CodecRegistry();
    const framed = registry.registerCodec(9, codec(Chat, { name: 'Chat', backend: 'composed' }));
    expect(framed.name).toBe('Chat');
    const view = new DataView(new ArrayBuffer(64));
    const n = framed.encode({ from: 1, text: 'x' }, view, 0);
    expect(registry.decode(view, 0, n)).toEqual({ from: 1, text: 'x' });
  });

  it('refuses a fallback frame from a worker that chose another fallback format', () => {
    const msgpackr = new CodecRegistry();
    const v8 = new CodecRegistry({ fallback: new V8FallbackCodec() });
    const view = new DataView(new ArrayBuffer(128));
    const n = msgpackr.fallback.encode([1, 2, 3], view, 0);
    expect(() => v8.decode(view, 0, n)).toThrow(/FINGERPRINT|fingerprint/);
    const m = v8.fallback.encode(new Map([[1, 2]]), view, 0);
    expect(v8.decode(view, 0, m)).toEqual(new Map([[1, 2]]));
  });
});
