// a verify in a process of its own, as `jikimi ledger verify` runs it (nothing loaded before it): the ledger bench
// times it there, apart from the bench's own heap (the subject keys and a loaded dictionary of the whole population).
// usage: node bench/verify-child.mjs <locator JSON> <trusted key id> <public key> [<since JSON>]
// prints one JSON line: {seconds, ok, from, problems}
import { openStateStore, verifyLedger } from "../dist/index.js";

const [locatorJson, keyId, publicKey, sinceJson] = process.argv.slice(2);
const locator = JSON.parse(locatorJson);
const store = await openStateStore(locator);
try {
  const t = performance.now();
  const report = await verifyLedger(store.ledger, new Map([[keyId, publicKey]]), {
    locator,
    ...(sinceJson ? { since: JSON.parse(sinceJson) } : {}),
  });
  const seconds = (performance.now() - t) / 1000;
  process.stdout.write(
    `${JSON.stringify({ seconds, ok: report.ok, from: report.from, problems: report.problems.slice(0, 3) })}\n`,
  );
} finally {
  await store.close();
}
