/**
 * The second process of `zactor-demo --remote`: one market-data subscriber on its own
 * RemoteNode, registered as `market-data`. The exchange's fan-out relays every market update
 * to it over NATS; it keeps a tally that the exchange asks for at the end and checks like any
 * subscriber's (the traded quantity it saw must equal what the books filled).
 *
 * argv: <nats url> <cluster name>. Stops when its parent disconnects (fork's IPC channel) or on
 * SIGTERM / SIGINT.
 */
import { RemoteNode } from '@zactor/remote';
import { MESSAGE_SCHEMAS } from '../actors/message-schemas.js';
import type { MarketUpdate } from '../actors/messages.js';
import type { RemoteTally, TallyRequest } from './remote-tally.js';

const [servers, cluster] = process.argv.slice(2);
const node = await RemoteNode.start({
  servers: servers!,
  name: 'market-data',
  cluster: cluster!,
  messages: MESSAGE_SCHEMAS,
});
const tally: RemoteTally = { updates: 0, trades: 0, tradeQty: 0, pid: process.pid };
const subscriber = node.system.spawn<MarketUpdate | TallyRequest>((message, ctx) => {
  if (message.type === 'market') {
    tally.updates++;
    tally.trades += message.tradeCount;
    tally.tradeQty += message.tradeQty;
  } else ctx.reply({ ...tally });
});
await node.register('market-data', subscriber);
process.send?.('ready');

let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  void node.stop().then(() => process.exit(0));
};
process.once('disconnect', stop);
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
