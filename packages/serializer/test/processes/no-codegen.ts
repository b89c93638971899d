import { codec, t } from '../../src/index.js';

/**
 * Runs in a child process started with --disallow-code-generation-from-strings (a V8 flag a
 * Worker cannot take): the 'auto' back end must fall back to composed closures.
 */
let evalBlocked = false;
try {
  new Function('return 1');
} catch {
  evalBlocked = true;
}
const c = codec(t.struct({ id: t.u32, name: t.utf8, xs: t.vec(t.f64) }));
const view = new DataView(new ArrayBuffer(128));
const n = c.encode({ id: 5, name: 'closures', xs: [1, 2] }, view, 0);
const back = c.decode(view, 0, n);
process.stdout.write(
  `${JSON.stringify({
    evalBlocked,
    backend: c.backend,
    value: { id: back.id, name: back.name, xs: Array.from(back.xs) },
    viewName: c.view(view, 0, n).name,
  })}\n`,
);
