// `share --out-dir -`: the release streamed to stdout. Read by main.ts before any verb loads, so it imports
// nothing (the share gateway's module graph, roaring included, must not load for every command).

/** The --out-dir that streams the release to stdout. */
export const STDOUT = "-";

/**
 * Whether `argv` asks `share` to stream its release to stdout (`--out-dir -`, `--out-dir=-`, or the old `-o -`):
 * then everything else, even an argument error's JSON, goes to stderr from the start.
 */
export function streamsRelease(argv: readonly string[]): boolean {
  if (argv[2] !== "share") return false;
  return argv.some(
    (a, i) =>
      a === `--out-dir=${STDOUT}` || (["--out-dir", "-o", "--out"].includes(a) && argv[i + 1] === STDOUT),
  );
}
