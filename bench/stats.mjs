// Order statistics for the benchmark's figures.

/** Returns the `q` quantile of `xs` (0 to 1), interpolating between the two nearest values. */
export function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const at = (s.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return s[lo] + (s[hi] - s[lo]) * (at - lo);
}

/** Returns the median of `xs`. */
export const median = (xs) => quantile(xs, 0.5);

/** Returns `{ median, p10, p90 }` of `xs`. */
export const spread = (xs) => ({ median: median(xs), p10: quantile(xs, 0.1), p90: quantile(xs, 0.9) });

/** Returns the per-round ratios `a[i] / b[i]`. */
export const ratios = (a, b) => a.map((x, i) => x / b[i]);
