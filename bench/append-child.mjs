// an append in a process of its own, as `jikimi share` makes one at its end (nothing loaded before it): the subject
// keys read as bytes from a file of one key a line (the share reads them from its input), hashed on both cores with
// the workspace's hasher (`hashEncoded`, no string per key), then recorded (`appendHashes`: the dictionary loaded,
// the subjects looked up, the set stored). The ledger bench times it apart from its own heap of N subject keys.
// usage: node bench/append-child.mjs <locator JSON> <keyring file> <keys file> <release JSON> <recorded at ISO>
// prints one JSON line: {seconds, read, hash, record, subjects, newSubjects}
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import {
  fastSubjectHasher,
  Ledger,
  loadKeyring,
  openStateStore,
  SubjectDictionary,
  signerFrom,
} from "../dist/index.js";

const [locatorJson, keyringFile, keysFile, releaseJson, recordedAt] = process.argv.slice(2);
const t0 = performance.now();
const ring = loadKeyring(keyringFile);
const subjectKey = ring.active("ledger-subjects");
const hasher = fastSubjectHasher(subjectKey.id, Buffer.from(subjectKey.secret, "base64"));
const store = await openStateStore(JSON.parse(locatorJson));
try {
  const ledger = new Ledger({
    store: store.ledger,
    subjects: new SubjectDictionary(),
    hasher,
    signer: signerFrom(ring.active("ledger-signing")),
    log: "Bench Pay",
  });
  // the keys' bytes in shared memory (the hasher splits large batches with its helper thread)
  const fd = openSync(keysFile, "r");
  const bytes = new Uint8Array(new SharedArrayBuffer(fstatSync(fd).size));
  for (let at = 0; at < bytes.length; ) at += readSync(fd, bytes, at, bytes.length - at, at);
  closeSync(fd);
  let lines = 0;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 10) lines++;
  const t1 = performance.now();
  // the keys back to back (newlines dropped), key k at [offsets[k], offsets[k + 1]): as the share's workers hand
  // them over
  const packed = new Uint8Array(new SharedArrayBuffer(Math.max(1, bytes.length - lines)));
  const offsets = new Uint32Array(new SharedArrayBuffer((lines + 1) * 4));
  for (let i = 0, at = 0, k = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === 10) offsets[++k] = at;
    else packed[at++] = b;
  }
  const hashes = hasher.hashEncoded(packed, offsets);
  const t2 = performance.now();
  const release = JSON.parse(releaseJson);
  const r = await ledger.appendHashes(release, hashes, lines, new Date(recordedAt));
  const t3 = performance.now();
  process.stdout.write(
    `${JSON.stringify({
      seconds: (t3 - t0) / 1000,
      read: (t1 - t0) / 1000,
      hash: (t2 - t1) / 1000,
      record: (t3 - t2) / 1000,
      subjects: r.subjects,
      newSubjects: r.newSubjects,
    })}\n`,
  );
} finally {
  await store.close();
}
