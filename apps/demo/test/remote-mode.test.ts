import { natsRequired, natsServerBinary, startTsWorker } from '@zactor/testing';
import { describe, expect, it } from 'vitest';
import { runExchange } from '../src/run/run-exchange.js';

const hasNats = natsServerBinary() !== undefined;
if (!hasNats && natsRequired()) throw new Error('CI needs nats-server for zactor-demo --remote');
if (!hasNats) console.warn('zactor-demo --remote test skipped: nats-server is not installed');

describe.skipIf(!hasNats)('runExchange with --remote', () => {
  it('relays the market-data fan-out to a second process over NATS, and that subscriber passes the conservation check', async () => {
    let output = '';
    const report = await runExchange({
      module: new URL('../src/exchange-cluster.ts', import.meta.url),
      workerFactory: startTsWorker,
      pin: false,
      remote: 'local',
      remoteChild: {
        module: new URL('../src/remote/market-data-process.ts', import.meta.url),
        execArgv: ['--import=tsx', '--conditions=@zactor/source'],
      },
      workers: 2,
      durationS: 1,
      symbols: 4,
      traders: 200,
      faultRate: 0.01,
      subscribers: 2,
      write: (text) => {
        output += text;
      },
    });
    const failed = report.conservation.items.filter((i) => !i.ok);
    expect(failed).toEqual([]);
    // Two local subscribers and the remote one all saw the same traded quantity.
    expect(output).toMatch(/3 subscribers saw (\d+)\/\1\/\1 traded qty/);
    expect(output).toMatch(/the market-data process \(pid \d+\) saw [1-9]\d* updates/);
  });
});
