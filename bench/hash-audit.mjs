// The hash audit against its target: the whole 10^8 Korean mobile space under SHA-256, against a column of
// 100,000 digests, on 2 worker threads: <= 8 s per format. Run after `npm run build`:
//   node bench/hash-audit.mjs [--runs N] [--digests N] [--threads N]
// Each row: wall time (best of N runs; the first run is not discarded: worker start-up and kernel compilation
// are part of what an audit costs) and process CPU time (all threads), plus the digests recovered.
// Prints a markdown section for docs/benchmarks.md.
import { createHash, createHmac, randomBytes } from "node:crypto";
import os from "node:os";
import { auditDigests, auditDigestsWith, digestShape } from "../dist/scan/hash-audit.js";
import { MOBILE_FORMS, measure, mobileNumbers } from "./support.mjs";

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i < 0 ? fallback : Number(process.argv[i + 1]);
};
const runs = arg("--runs", 2);
const count = arg("--digests", 100_000);
const threads = arg("--threads", 2);

const FORMS = MOBILE_FORMS;
const TEMPLATES = { plain: "010########", hyphenated: "010-####-####", international: "+8210########" };

async function best(f) {
  let top;
  const walls = [];
  for (let r = 0; r < runs; r++) {
    const m = await measure(f);
    walls.push(m.wall);
    if (top === undefined || m.wall < top.wall) top = m;
  }
  return { ...top, walls };
}

const rows = [];
const load = os.loadavg()[0].toFixed(2);
const nums = mobileNumbers(count);
const sha = (s) => createHash("sha256").update(s).digest("hex");

for (const form of Object.keys(FORMS)) {
  const values = nums.map((s) => sha(FORMS[form](s)));
  const shape = digestShape(values);
  const m = await best(() =>
    auditDigestsWith(values, shape, { threads, spaces: ["mobile"] }, { mobileFormats: [form] }),
  );
  rows.push({ what: `\`${TEMPLATES[form]}\` only`, hashes: "10^8", ...m });
  console.error(`${form}: ${m.walls.map((w) => w.toFixed(2)).join(", ")} s`);
}

const forms = Object.keys(FORMS);
const mixed = nums.map((s, i) => sha(FORMS[forms[i % 3]](s)));
const all = await best(() => auditDigests(mixed, digestShape(mixed), { threads, spaces: ["mobile"] }));
rows.push({ what: "all three formats", hashes: "3 x 10^8", ...all });
console.error(`all three: ${all.walls.map((w) => w.toFixed(2)).join(", ")} s`);

const full = await measure(() => auditDigests(mixed, digestShape(mixed), { threads }));
rows.push({
  what: "all three formats + dates of birth (the default audit)",
  hashes: "3 x 10^8 + 131 k",
  ...full,
  walls: [full.wall],
});

const key = randomBytes(32);
const keyed = nums.map((s) => createHmac("sha256", key).update(FORMS.plain(s)).digest("hex"));
const pseudo = await measure(() => auditDigests(keyed, digestShape(keyed), { threads }));
rows.push({
  what: "keyed pseudonyms (HMAC-SHA256, hex), default audit",
  hashes: "3 x 10^8 + 131 k",
  ...pseudo,
  walls: [pseudo.wall],
});

const lines = [
  `${new Date().toISOString().slice(0, 10)}, \`npm run build && node bench/hash-audit.mjs\`; Node ${process.version}, ${process.platform}/${process.arch}, ${os.availableParallelism()} cores; ${threads} worker threads; ${count.toLocaleString("en-US")} distinct digests in the column; load average ${load} at the start. Wall time is the best of ${runs} runs (all runs listed) for the first four rows, one run for the last two.`,
  "",
  "| column (SHA-256 hex of random mobile numbers)          | hashes           | wall (s) | CPU, all threads (s) | ≈ on 2 idle cores (s) | recovered          | runs (s)            |",
  "| ------------------------------------------------------ | ---------------- | -------: | -------------------: | --------------------: | ------------------ | ------------------- |",
  ...rows
    .map((r) =>
      [
        r.what.padEnd(54),
        r.hashes.padEnd(16),
        r.wall.toFixed(2).padStart(8),
        r.cpu.toFixed(2).padStart(20),
        (r.cpu / 2).toFixed(1).padStart(21),
        `${r.result.reversed.toLocaleString("en-US")} of ${r.result.distinct.toLocaleString("en-US")}`.padEnd(
          18,
        ),
        r.walls
          .map((w) => w.toFixed(2))
          .join(", ")
          .padEnd(19),
      ].join(" | "),
    )
    .map((l) => `| ${l} |`),
];
console.log(lines.join("\n"));
