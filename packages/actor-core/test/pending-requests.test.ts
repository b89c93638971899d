import { describe, expect, it } from 'vitest';
import { PendingRequests } from '../src/cluster/pending-requests.js';

describe('PendingRequests', () => {
  it('ends each request exactly once: by its answer, its timeout, its peer or all', async () => {
    const pending = new PendingRequests<string>();
    const sent: number[] = [];
    const send = (req: number) => sent.push(req);
    const never = () => new Error('timeout');
    const answered = pending.start(0, 10_000, never, send);
    const timedOut = pending.start(0, 5, () => new Error('late'), send);
    const ofPeer = pending.start(1, 10_000, never, send);
    const ofAll = pending.start(2, 10_000, never, send);
    expect(new Set(sent).size).toBe(4);
    pending.answer(sent[0]!, 'yes');
    pending.answer(sent[0]!, 'again'); // ended already: ignored
    await expect(answered).resolves.toBe('yes');
    await expect(timedOut).rejects.toThrow('late');
    pending.answer(sent[1]!, 'too late'); // ended by its timeout: ignored
    pending.failPeer(1, () => new Error('peer died'));
    await expect(ofPeer).rejects.toThrow('peer died');
    pending.failAll(() => new Error('shut down'));
    await expect(ofAll).rejects.toThrow('shut down');
  });
});
