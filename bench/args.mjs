// The command-line numbers of the bench scripts.

/** Reads `--name N` from `argv`: a whole number from 1 to `max`, or `fallback` when absent. */
export function wholeArg(argv, name, fallback, max = 1_000_000) {
  const i = argv.indexOf(`--${name}`);
  const n = i >= 0 ? Number(argv[i + 1]) : fallback;
  if (!Number.isInteger(n) || n < 1 || n > max) throw new Error(`--${name} takes a whole number from 1 to ${max}`);
  return n;
}

/** The arguments of `argv` that are neither a `--name` nor the number after one. */
export const positional = (argv) => argv.filter((a, i) => !a.startsWith('--') && !argv[i - 1]?.startsWith('--'));
