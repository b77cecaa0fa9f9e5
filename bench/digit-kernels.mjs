// The digit kernels of MD5 and SHA-1 (and SHA-256 for reference) against node:crypto's createHash, in one run:
//   1. per hash and Korean mobile format, the hash audit over the whole 10^8 space on worker threads (wall and CPU
//      time, digests recovered), as `jikimi scan` and `jikimi audit-hash` run it;
//   2. per hash and format, one thread of the kernel over 10^7 numbers against createHash over 10^6 of the same
//      strings (the baseline's time for 10^8 is extrapolated from its rate: running it whole takes minutes).
// Rates are per second of CPU time of the thread that hashes (process.cpuUsage while no worker runs), so they hold on
// a machine shared with other work; the audit's "on 2 idle cores" column is its CPU time over the threads.
// Run after `npm run build`:  node bench/digit-kernels.mjs [--algs md5,sha1,sha256] [--digests N] [--threads N]
// Prints a markdown table; ratios hold on a noisy machine, absolute times do not (the load average is printed).
import { createHash } from "node:crypto";
import os from "node:os";
import {
  DIGIT_HASHES,
  DigestSet,
  digitTemplateSearch,
  KOREAN_MOBILE_TEMPLATES,
} from "../dist/crypto/digits/index.js";
import { auditDigestsWith, digestShape } from "../dist/scan/hash-audit.js";
import { MOBILE_FORMS, measure, mobileNumbers } from "./support.mjs";

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i < 0 ? fallback : process.argv[i + 1];
};
const algs = arg("--algs", "md5,sha1,sha256").split(",");
const count = Number(arg("--digests", 10_000));
const threads = Number(arg("--threads", 2));
const KERNEL_SPAN = 10_000_000;
const NODE_SPAN = 1_000_000;

const FORMS = MOBILE_FORMS;

/** Hashes per second of CPU time of `f`, which hashes `span` strings on this thread. */
function cpuRate(span, f) {
  const c = process.cpuUsage();
  const hits = f();
  const u = process.cpuUsage(c);
  return { rate: span / ((u.user + u.system) / 1e6), hits };
}

/** createHash over `span` consecutive numbers of a format, strings built as the audit's reference would. */
function nodeRate(alg, form, targets) {
  const format = FORMS[form];
  return cpuRate(NODE_SPAN, () => {
    let hits = 0;
    for (let i = 0; i < NODE_SPAN; i++) {
      const d = createHash(alg)
        .update(format(String(20_000_000 + i).padStart(8, "0")))
        .digest("hex");
      if (targets.has(d)) hits++;
    }
    return hits;
  });
}

function kernelRate(alg, form, set) {
  return cpuRate(
    KERNEL_SPAN,
    () =>
      digitTemplateSearch(alg, KOREAN_MOBILE_TEMPLATES[form], 20_000_000, 20_000_000 + KERNEL_SPAN, set)
        .length,
  );
}

const load = os.loadavg()[0].toFixed(2);
const nums = mobileNumbers(count);
const rows = [];
for (const alg of algs) {
  for (const form of Object.keys(FORMS)) {
    const texts = nums.map((s) => FORMS[form](s));
    const values = texts.map((s) => createHash(alg).update(s).digest("hex"));
    const shape = digestShape(values);
    // 1. the whole space, as the audit runs it
    const audit = await measure(() =>
      auditDigestsWith(values, shape, { threads, spaces: ["mobile"] }, { mobileFormats: [form] }),
    );
    // 2. one thread: the kernel against createHash on the same targets
    const set = DigestSet.from(values, DIGIT_HASHES[alg].digests);
    digitTemplateSearch(alg, KOREAN_MOBILE_TEMPLATES[form], 0, 4000, set); // build and self-check the kernel
    const kernel = kernelRate(alg, form, set);
    const node = nodeRate(alg, form, new Set(values));
    rows.push({ alg, form, audit, kernel, node });
    console.error(
      `${alg} ${form}: audit ${audit.wall.toFixed(2)} s, kernel ${(kernel.rate / 1e6).toFixed(1)} M/s, node ${(node.rate / 1e6).toFixed(2)} M/s`,
    );
  }
}
// SHA-512 has no kernel: what node:crypto would take for the space
const sha512 = nodeRate("sha512", "plain", new Set());

const f1 = (x) => x.toFixed(1);
const lines = [
  `Digit kernels against node:crypto (${os.cpus()[0]?.model ?? "cpu"}, ${os.availableParallelism()} cores, load ${load}, node ${process.version}, ${count.toLocaleString("en-US")} target digests, audit on ${threads} threads)`,
  "",
  `| hash | format | audit of 10^8, wall s | CPU s | ≈ on ${threads} idle cores, s | recovered | kernel M/s per CPU-s | createHash M/s per CPU-s | ratio | createHash for 10^8, CPU s (extrapolated) |`,
  "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
];
for (const r of rows) {
  const recovered = `${r.audit.result.reversed}/${r.audit.result.distinct}`;
  lines.push(
    `| ${r.alg} | \`${KOREAN_MOBILE_TEMPLATES[r.form]}\` | ${r.audit.wall.toFixed(2)} | ${f1(r.audit.cpu)} | ${f1(r.audit.cpu / threads)} | ${recovered} | ${f1(r.kernel.rate / 1e6)} | ${(r.node.rate / 1e6).toFixed(2)} | ${f1(r.kernel.rate / r.node.rate)}x | ${f1(1e8 / r.node.rate)} |`,
  );
}
lines.push(
  "",
  `SHA-512 (no kernel): createHash ${(sha512.rate / 1e6).toFixed(2)} M/s per CPU-second: the three formats (3 x 10^8) would take about ${f1(3e8 / sha512.rate / threads)} s on ${threads} idle cores.`,
);
console.log(lines.join("\n"));
