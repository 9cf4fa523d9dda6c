// Interleaved timing. Every round gives one figure per contender: its time per call over
// `batch` sequential calls. A round is cut into `slices`; in each slice every contender makes
// its share of the calls, in an order rotated slice by slice, so load that comes and goes on a
// shared machine falls on all contenders of a round alike. Warm-up rounds come first.
import { performance } from 'node:perf_hooks';

async function timed(fn, calls) {
  const start = performance.now();
  for (let i = 0; i < calls; i++) await fn();
  return performance.now() - start;
}

/**
 * Times `contenders` (name -> async function); returns name -> per-round ms per call.
 * `onRound(r)` is called after each round (for progress).
 */
export async function interleave(contenders, { rounds, batch, slices = 1, warmup, onRound }) {
  const names = Object.keys(contenders);
  const cuts = Math.max(1, Math.min(slices, batch));
  const times = Object.fromEntries(names.map((n) => [n, []]));
  let turn = 0;
  for (let r = -warmup; r < rounds; r++) {
    const total = Object.fromEntries(names.map((n) => [n, 0]));
    for (let s = 0; s < cuts; s++) {
      // Slice s makes calls [batch*s/cuts, batch*(s+1)/cuts) of the round.
      const calls = Math.floor((batch * (s + 1)) / cuts) - Math.floor((batch * s) / cuts);
      for (let k = 0; k < names.length; k++) {
        const n = names[(k + turn) % names.length];
        total[n] += await timed(contenders[n], calls);
      }
      turn++;
    }
    if (r >= 0) {
      for (const n of names) times[n].push(total[n] / batch);
      onRound?.(r);
    }
  }
  return times;
}
