import { resourceLimits } from 'node:worker_threads';
import { currentCpu, defineWorker, type Task, type WorkerContext } from '../../src/index.js';
import { ints, Kind, type PoolTestData, RECORD_TYPE, Word } from './pool-protocol.js';

let seen: Int32Array = new Int32Array(0);
/** Records handled since the last `afterDrain`. */
let undrained = 0;
let lateCheckQueued = false;
const lateCheck = () => {
  lateCheckQueued = false;
  if (undrained !== 0) Atomics.add(words, Word.LateAfterDrain, undrained);
};
let words: Int32Array = new Int32Array(0);
const payload = new Uint8Array(4);
const payloadView = new DataView(payload.buffer);

function mark(id: number): void {
  Atomics.add(seen, id, 1);
}

export default defineWorker({
  setup(context) {
    const data = context.data as PoolTestData;
    seen = new Int32Array(data.seen);
    words = new Int32Array(data.words);
    Atomics.add(words, Word.SetupCount, 1);
    Atomics.store(
      words,
      Word.YoungGenBase + context.workerIndex,
      resourceLimits.maxYoungGenerationSizeMb ?? 0,
    );
  },
  teardown() {
    Atomics.add(words, Word.TeardownCount, 1);
  },
  tasks: {
    [Kind.Mark]: (task: Task) => mark(task.view.getInt32(0, true)),
    [Kind.Fork]: (task: Task, context: WorkerContext) => {
      const first = task.view.getInt32(0, true);
      const count = task.view.getInt32(4, true);
      for (let id = first; id < first + count; id++) {
        payloadView.setInt32(0, id, true);
        // A full deque: run it here instead, which is what a fork-join caller would do.
        if (!context.submit(Kind.Mark, payload)) mark(id);
      }
    },
    [Kind.Spin]: (task: Task, context: WorkerContext) => {
      const until = performance.now() + task.view.getInt32(4, true) / 1000;
      while (performance.now() < until) {}
      Atomics.store(words, Word.CpuBase + context.workerIndex, currentCpu());
      mark(task.view.getInt32(0, true));
    },
    [Kind.ForkThenCrash]: (task: Task, context: WorkerContext) => {
      const first = task.view.getInt32(0, true);
      const count = task.view.getInt32(4, true);
      for (let id = first; id < first + count; id++) {
        payloadView.setInt32(0, id, true);
        if (!context.submit(Kind.Mark, payload)) throw new Error('pool-worker: deque full');
      }
      throw new Error('pool-worker: deliberate crash after forking');
    },
    [Kind.Crash]: () => {
      throw new Error('pool-worker: deliberate crash');
    },
    [Kind.Hang]: () => {
      Atomics.store(words, Word.Hanging, 1);
      for (;;) {}
    },
    [Kind.ReadMetrics]: (task: Task, context: WorkerContext) => {
      const other = context.metrics(task.view.getInt32(0, true));
      Atomics.store(words, Word.MetricsSeen, other.tasksRun);
    },
    [Kind.Relay]: (task: Task, context: WorkerContext) => {
      const target = task.view.getInt32(0, true);
      context.send(target, RECORD_TYPE, ints(task.view.getInt32(4, true)));
    },
  },
  onRecord(typeId, view, offset) {
    if (typeId !== RECORD_TYPE) throw new Error(`unexpected record type ${typeId}`);
    Atomics.add(words, Word.RecordSum, view.getInt32(offset, true));
    Atomics.add(words, Word.RecordCount, 1);
    undrained++;
    // afterDrain must come in the same turn: by the next turn of the event loop it has run.
    if (!lateCheckQueued) {
      lateCheckQueued = true;
      setImmediate(lateCheck);
    }
  },
  backlog(context) {
    return Atomics.load(words, Word.BacklogBase + context.workerIndex);
  },
  afterDrain() {
    if (undrained === 0) return 0;
    Atomics.add(words, Word.AfterDrainRecords, undrained);
    undrained = 0;
    return 0;
  },
});
