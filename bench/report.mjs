// Formatting the benchmark's figures, each beside its target from issue 8.

import { ratios, spread } from './stats.mjs';

/** The targets of issue 8: the largest median each figure may have. */
export const TARGETS = {
  createVsSafety: 1.05,
  listVsSafety: 1.10,
  vsPlain: 1.00,
  sizeKb: 30,
  esmImportMs: 10,
  validateUs: 2,
  validate100kUs: 100,
};

const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);
/** Formats milliseconds per call as microseconds. */
export const us = (ms) => `${(ms * 1000).toFixed(1)} µs`;
const x = (r) => `${r.toFixed(2)}x`;
const range = (s, f) => `${f(s.p10)}-${f(s.p90)}`;
/** Says whether `value` is within `target`. */
export const verdict = (value, target) => (value <= target ? 'met' : 'NOT MET');
/** Formats a byte count with thousands separators. */
export const bytes = (n) => `${n.toLocaleString('en-US')} B`;
/** Formats a byte count in KB (1 KB = 1024 bytes). */
export const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
/** Formats a number with 2, 1 or 0 decimals as it grows. */
export const num = (v) => v.toFixed(v < 10 ? 2 : v < 100 ? 1 : 0);
/** Formats `{ median, p10, p90 }` with a unit. */
export const figure = (s, unit) => `${num(s.median)} ${unit}  [${num(s.p10)}-${num(s.p90)}]`;

/**
 * Prints one workload's table: each contender's median per call and, for each non-bare one,
 * the median of its per-round ratios to bare with p10-p90; then package against sameSafety
 * and plainClient with their targets. Returns the ratios keyed `package/sameSafety`...
 */
export function workloadTable(print, times, safetyTarget) {
  const names = Object.keys(times);
  print(`  ${pad('contender', 20)}${lpad('median/call', 12)}   ratio to bare: median  [p10-p90]`);
  for (const n of names) {
    const r = spread(ratios(times[n], times.bare));
    const ratio = n === 'bare' ? '1 (the denominator)' : `${x(r.median)}  [${range(r, (v) => v.toFixed(2))}]`;
    print(`  ${pad(n, 20)}${lpad(us(spread(times[n]).median), 12)}   ${ratio}`);
  }
  const out = {};
  for (const pkgName of names.filter((n) => n.startsWith('package'))) {
    for (const [base, target] of [['sameSafety', safetyTarget], ['plainClient', TARGETS.vsPlain]]) {
      const r = spread(ratios(times[pkgName], times[base]));
      out[`${pkgName}/${base}`] = r;
      const label = `${pkgName} / ${base}`;
      print(`  ${pad(label, 32)}${lpad(x(r.median), 7)}  [${range(r, (v) => v.toFixed(2))}]   target <= ${x(target)}  ${verdict(r.median, target)}`);
    }
  }
  return out;
}

/** Prints the closing table: every target of issue 8 with its figure. */
export function summary(print, rows) {
  print('targets of issue 8 (medians)');
  print(`  ${pad('figure', 52)}${lpad('measured', 11)}  ${pad('target', 10)} verdict`);
  for (const [label, shown, value, target, shownTarget] of rows) {
    print(`  ${pad(label, 52)}${lpad(shown, 11)}  ${pad(`<= ${shownTarget}`, 10)} ${verdict(value, target)}`);
  }
}
