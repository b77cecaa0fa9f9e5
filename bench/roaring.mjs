// the ledger's bitmap work in the native `roaring` binding and in `roaring-wasm`, side by side, on the
// same data, and a check that both write the same portable bytes (so either could read the other's log).
// usage: node bench/roaring.mjs [--subjects 4000000]
import native from "roaring";
import { roaringLibraryInitialize, RoaringBitmap32 as Wasm } from "roaring-wasm";

await roaringLibraryInitialize();
const i = process.argv.indexOf("--subjects");
const N = i > 0 ? Number(process.argv[i + 1]) : 4_000_000;
let seed = 99;
const rand = () => {
  seed = (seed * 1664525 + 1013904223) >>> 0;
  return seed / 4294967296;
};
const members = [];
for (let k = 0; k < N; k++) if (rand() < 0.2) members.push(k);
const subset = Uint32Array.from(members);
const churned = Uint32Array.from(members);
for (let k = 0; k < Math.round(members.length * 0.001); k++)
  churned[Math.floor(rand() * churned.length)] = Math.floor(rand() * N);
churned.sort();
const probes = Uint32Array.from({ length: 1_000_000 }, () => Math.floor(rand() * N));

function time(fn, reps = 5) {
  const out = [];
  for (let r = 0; r < reps; r++) {
    const t = performance.now();
    fn();
    out.push(performance.now() - t);
  }
  return out.sort((a, b) => a - b)[Math.floor(reps / 2)];
}

function run(name, Bitmap, free) {
  const rows = {};
  let a;
  let b;
  rows.build = time(() => {
    free(a);
    a = new Bitmap();
    a.addMany(subset);
  });
  b = new Bitmap();
  b.addMany(churned);
  let bytes;
  rows.xor = time(() => {
    const x = a.clone();
    x.xorInPlace(b);
    free(x);
  });
  rows.serialize = time(() => {
    const c = a.clone();
    c.runOptimize();
    bytes = c.serialize("portable");
    free(c);
  });
  rows.deserialize = time(() => free(Bitmap.deserialize(bytes, "portable")));
  let hits = 0;
  rows.has = time(() => {
    hits = 0;
    for (const p of probes) if (a.has(p)) hits++;
  }, 3);
  free(a);
  free(b);
  return { name, rows, bytes: Buffer.from(bytes), hits };
}

const n = run("roaring (native)", native.RoaringBitmap32, () => {});
const w = run("roaring-wasm", Wasm, (x) => x?.dispose?.());
const same = n.bytes.equals(w.bytes) && n.hits === w.hits;
process.stdout.write(
  `\n| operation (${members.length.toLocaleString()} of ${N.toLocaleString()} subjects) | roaring (native) | roaring-wasm | wasm / native |\n| --- | ---: | ---: | ---: |\n`,
);
for (const op of Object.keys(n.rows))
  process.stdout.write(
    `| ${op === "has" ? "1,000,000 has()" : op} | ${n.rows[op].toFixed(1)} ms | ${w.rows[op].toFixed(1)} ms | ${(w.rows[op] / n.rows[op]).toFixed(1)}x |\n`,
  );
process.stdout.write(`\nportable bytes identical: ${same} (${n.bytes.length.toLocaleString()} bytes)\n`);
if (!same) process.exitCode = 1;
