/**
 * `runSoak`: starts a cluster, keeps steady mixed load on every worker for the given time,
 * reports msg/s, heap after GC, dead letters and restarts at intervals, then stops the load,
 * waits for quiescence and checks that every load message sent was received, failed or
 * dead-lettered, exactly.
 */
import { ActorCluster, type AnyActorRef } from '@zactor/actor-core';
import { FaultLoop, type FaultOptions } from './faults.js';
import { heapAfterGc, type LoadDeadLetters, tallyLoadDeadLetters } from './load.js';
import { leastSquaresSlope } from './slope.js';
import type {
  DriverArgs,
  DriverReport,
  GroupArgs,
  GroupReport,
  ProbeReport,
} from './soak-cluster.js';
import type { HeapSample, SoakOptions, SoakResult } from './soak-options.js';

export type { HeapSample, SoakOptions, SoakResult } from './soak-options.js';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const mb = (bytes: number) => (bytes / 1048576).toFixed(1);

function rate(perSecond: number): string {
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toFixed(2)}M`;
  if (perSecond >= 1e3) return `${(perSecond / 1e3).toFixed(1)}k`;
  return perSecond.toFixed(0);
}

export async function runSoak(options: SoakOptions): Promise<SoakResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const workers = options.workers ?? 2;
  const seed = (options.seed ?? Math.random() * 2 ** 32) >>> 0;
  const every = options.reportEveryMs ?? (options.durationMs <= 600_000 ? 10_000 : 60_000);
  const faults: FaultOptions | undefined =
    options.faults === true ? {} : options.faults === false ? undefined : options.faults;
  const cluster = await ActorCluster.start({
    module: options.module ?? new URL('./soak-cluster.js', import.meta.url),
    // Fault mode: one more worker, the victims' (index `workers`), which the loop hangs.
    workers: workers + (faults === undefined ? 0 : 1),
    ...(options.unresponsiveMs === undefined ? {} : { unresponsiveMs: options.unresponsiveMs }),
    pin: options.pin ?? true,
    ...(options.workerFactory === undefined ? {} : { workerFactory: options.workerFactory }),
  });
  const problems: string[] = [];
  try {
    const mainDead = tallyLoadDeadLetters(cluster.system);
    const probes: AnyActorRef[] = [];
    const echoes: AnyActorRef[] = [];
    const groups: AnyActorRef[] = [];
    const drivers: AnyActorRef[] = [];
    for (let w = 0; w < workers; w++) {
      probes.push(await cluster.spawn('probe', { worker: w }));
      echoes.push(await cluster.spawn('echo', { worker: w }));
      for (let g = 0; g < 2; g++) {
        const args: GroupArgs = {
          sinks: 16,
          seed: (seed + 101 * (w * 2 + g + 1)) >>> 0,
          failPerMillion: 1000,
          churnEveryMs: 500,
          restartFailPerMillion:
            faults === undefined ? 0 : (faults.restartFailPerMillion ?? 50_000),
        };
        groups.push(await cluster.spawn('group', { worker: w, args }));
      }
    }
    const burst = options.burst ?? 100;
    const tickMs = options.tickMs ?? 1;
    for (let w = 0; w <= workers; w++) {
      const args: DriverArgs = {
        seed: (seed + 7919 * (w + 1)) >>> 0,
        burst,
        tickMs,
        askEvery: 10,
        victimShare: faults === undefined ? 0 : (faults.victimShare ?? 0.05),
      };
      drivers.push(await cluster.spawn('driver', { worker: w === workers ? 'main' : w, args }));
    }
    log(
      `soak: ${workers} workers + main, seed ${seed}, ${groups.length} groups x 16 sinks, ` +
        `${drivers.length} drivers x ${burst} msgs / ${tickMs} ms, report every ${every / 1000} s`,
    );
    for (const d of drivers) d.tell({ start: { groups, echoes } });
    const faultLoop =
      faults === undefined ? undefined : new FaultLoop(cluster, workers, drivers, log);
    await faultLoop?.start(faults?.hangEveryMs ?? 2000, faults?.corruptEveryMs ?? 500, seed);

    const started = performance.now();
    await cluster.metrics(); // rates count from here
    const samples: HeapSample[] = [];
    let previousDead = 0;
    for (;;) {
      const elapsed = performance.now() - started;
      const left = options.durationMs - elapsed;
      if (left <= 0) break;
      await sleep(Math.min(every, left));
      const metrics = await cluster.metrics();
      const heaps = await Promise.all(
        probes.map((p) =>
          cluster
            .ask<unknown, ProbeReport>(p, 'sample', { timeoutMs: 30_000 })
            .then((r) => r.heapAfterGcBytes),
        ),
      );
      heaps.push(heapAfterGc());
      const sample: HeapSample = {
        atMs: Math.round(performance.now() - started),
        nodes: heaps,
        messagesPerSecond: metrics.total.messagesPerSecond,
        deadLetters: metrics.total.deadLetters,
        restarts: metrics.total.restarts,
      };
      samples.push(sample);
      const names = heaps.map((h, i) => `${i === workers ? 'main' : `w${i}`} ${mb(h)}`);
      log(
        `[${String(Math.round(sample.atMs / 1000)).padStart(5)} s] ${rate(sample.messagesPerSecond)} msg/s | ` +
          `heap after GC MB: ${names.join(', ')} | dead letters ${sample.deadLetters} ` +
          `(+${sample.deadLetters - previousDead}) | restarts ${sample.restarts}`,
      );
      previousDead = sample.deadLetters;
    }
    const durationMs = Math.round(performance.now() - started);

    // Stop the hangs (a hung worker is replaced first), then the load, then wait until
    // nothing moves: rings empty, counters unchanged.
    await faultLoop?.stop();
    const reports = await Promise.all(
      drivers.map((d) => cluster.ask<unknown, DriverReport>(d, 'finish', { timeoutMs: 60_000 })),
    );
    await Promise.all(groups.map((g) => cluster.ask(g, 'finish', { timeoutMs: 30_000 })));
    if (!(await quiesce(cluster))) problems.push('the cluster did not become quiet within 60 s');
    const groupReports = await Promise.all(
      groups.map((g) => cluster.ask<unknown, GroupReport>(g, 'report', { timeoutMs: 30_000 })),
    );
    const tallies: LoadDeadLetters[] = await Promise.all(
      probes.map((p) =>
        cluster
          .ask<unknown, ProbeReport>(p, 'deadLetters', { timeoutMs: 30_000 })
          .then((r) => r.deadLetters),
      ),
    );
    tallies.push(mainDead);
    const metrics = await cluster.metrics();

    const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
    const sent = sum(reports.map((r) => r.sent));
    const thrown = sum(reports.map((r) => r.thrown));
    // Load to victims: what a hung worker's mailboxes held is lost with it, counted apart.
    const faultReport = faultLoop?.report();
    const received = sum(groupReports.map((r) => r.ok)) + (faultReport?.victimReceived ?? 0);
    const failed = sum(groupReports.map((r) => r.failed));
    const deadLettered = sum(tallies.map((t) => t.total));
    const byReason: Record<string, number> = {};
    for (const t of tallies) {
      for (const [reason, n] of Object.entries(t.byReason))
        byReason[reason] = (byReason[reason] ?? 0) + n;
    }
    const restartFailures = sum(groupReports.map((r) => r.restartFailures));
    let lostInHungWorkers = 0;
    let corruptCounted = 0;
    if (faultReport !== undefined) {
      const victimDead =
        sum(tallies.map((t) => t.byRecipientWorker[workers] ?? 0)) +
        faultReport.victimDeadOnVictimThread;
      lostInHungWorkers =
        sum(reports.map((r) => r.victim.sent - r.victim.thrown)) -
        faultReport.victimReceived -
        victimDead;
      if (lostInHungWorkers < 0) problems.push(`victims got ${-lostInHungWorkers} more than sent`);
      if (lostInHungWorkers > 0 && faultReport.unresponsive === 0)
        problems.push(`${lostInHungWorkers} victim messages lost without a hung worker`);
      if (faultReport.unresponsive !== faultReport.hangs)
        problems.push(`${faultReport.hangs} hangs, ${faultReport.unresponsive} noticed`);
      corruptCounted = metrics.nodes[workers + 1]?.counters.corrupt ?? -1;
      if (corruptCounted !== faultReport.corruptRecords)
        problems.push(`${faultReport.corruptRecords} bad records fed, ${corruptCounted} counted`);
    }
    const unaccounted = sent - received - failed - deadLettered - thrown - lostInHungWorkers;
    if (unaccounted !== 0) problems.push(`${unaccounted} load messages unaccounted for`);
    const asks = {
      sent: sum(reports.map((r) => r.asks)),
      answered: sum(reports.map((r) => r.asksAnswered)),
      failed: sum(reports.map((r) => r.asksFailed)),
    };
    if (asks.answered + asks.failed !== asks.sent)
      problems.push('asks neither answered nor failed');
    // Every large message was freed by whoever took it: delivered, dead-lettered or failed.
    const blocks = cluster.largeMessages.outstanding();
    if (blocks !== 0) problems.push(`${blocks} large-message blocks still in use`);
    // A constructor that throws on a restart is a failure too (the actor stops).
    if (metrics.total.failures !== failed + restartFailures) {
      problems.push(
        `failures: ${metrics.total.failures} in metrics, ${failed} + ${restartFailures} counted by sinks`,
      );
    }
    const slopesOf = (part: readonly HeapSample[]) => {
      const hours = part.map((s) => s.atMs / 3_600_000);
      return {
        nodes: (part[0]?.nodes ?? []).map((_, i) =>
          leastSquaresSlope(
            hours,
            part.map((s) => s.nodes[i]!),
          ),
        ),
        total: leastSquaresSlope(
          hours,
          part.map((s) => sum(s.nodes)),
        ),
      };
    };
    const whole = slopesOf(samples);
    const secondHalf = slopesOf(samples.slice(Math.floor(samples.length / 2)));
    const slopes = whole.nodes;
    const total = whole.total;
    const result: SoakResult = {
      ok: problems.length === 0,
      seed,
      workers,
      durationMs,
      samples,
      heapSlopeBytesPerHour: whole,
      heapSlopeSecondHalfBytesPerHour: secondHalf,
      sent,
      received,
      failed,
      thrown,
      deadLettered,
      deadLettersByReason: byReason,
      unaccounted,
      lostInHungWorkers,
      faults: faultReport === undefined ? undefined : { ...faultReport, restartFailures },
      restarts: metrics.total.restarts,
      failures: metrics.total.failures,
      churned: sum(groupReports.map((r) => r.churned)),
      asks,
      problems,
      largeMessages: {
        crossed: sum(metrics.nodes.map((n) => n.counters.largeMessagesIn)),
        blocksInUse: blocks,
      },
    };
    const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB/h`;
    log(
      `heap-after-GC slope (least squares over ${samples.length} samples): total ${kb(total)}; ` +
        `per node ${slopes.map(kb).join(', ')}; second half: total ${kb(secondHalf.total)}, ` +
        `per node ${secondHalf.nodes.map(kb).join(', ')}`,
    );
    log(
      `load: sent ${sent} = received ${received} + failed ${failed} + dead letters ${deadLettered} ` +
        `${JSON.stringify(byReason)} + thrown ${thrown}` +
        (faultReport === undefined ? '' : ` + lost in hung workers ${lostInHungWorkers}`) +
        `; unaccounted ${unaccounted}`,
    );
    if (faultReport !== undefined) {
      log(
        `faults: ${faultReport.hangs} hangs, ${faultReport.unresponsive} noticed, victim worker ` +
          `restarted ${faultReport.workerRestarts} times, ${faultReport.lostInRings} messages ` +
          `dead-lettered from its inboxes, ${lostInHungWorkers} lost in its mailboxes; ` +
          `${restartFailures} constructors threw on restart; ${faultReport.corruptRecords} bad ` +
          `records fed to the main node, ${corruptCounted} counted`,
      );
    }
    log(
      `restarts ${result.restarts}, failures ${result.failures}, sinks churned ${result.churned}, ` +
        `asks ${asks.sent} (answered ${asks.answered}, failed ${asks.failed}), ` +
        `other dead letters ${sum(tallies.map((t) => t.other))}, large messages across ` +
        `workers ${result.largeMessages.crossed} (blocks still in use ${blocks})`,
    );
    log(result.ok ? 'check: ok' : `check: FAILED (${problems.join('; ')})`);
    return result;
  } finally {
    await cluster.shutdown();
  }
}

/** Polls until every ring is empty and no node's processed count moves for 3 polls. */
async function quiesce(cluster: ActorCluster): Promise<boolean> {
  const deadline = performance.now() + 60_000;
  let last = -1;
  let still = 0;
  while (performance.now() < deadline) {
    const m = await cluster.metrics();
    const processed = m.total.messagesProcessed;
    const empty = !cluster.mainNode.hasStaged && m.nodes.every((n) => n.ringUsedBytes === 0);
    still = empty && processed === last ? still + 1 : 0;
    if (still >= 3) return true;
    last = processed;
    await sleep(50);
  }
  return false;
}
