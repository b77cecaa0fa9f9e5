// ledger monitor over published tiles: it keeps the last clean checkpoint; consistent growth passes, a rewrite at
// the same or a larger size is a fork, a smaller log a rollback, and growth without the witness quorum an alarm;
// the kept checkpoint moves only on a clean run.
import { rmSync } from "node:fs";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { signerFrom } from "../src/crypto/signing.js";
import { Ledger } from "../src/ledger/ledger.js";
import { monitorLog } from "../src/ledger/monitor.js";
import { logNoteSigner, logVkey } from "../src/ledger/note/log-key.js";
import { splitNote } from "../src/ledger/note/signed-note.js";
import { SubjectDictionary } from "../src/ledger/subjects/dictionary.js";
import { nodeSubjectHasher } from "../src/ledger/subjects/subject-hasher.js";
import { folderStore, ledgerLogSource, writeTiles } from "../src/ledger/tiles/index.js";
import type { LedgerStore } from "../src/ports/ledger.js";
import { cosignerFromSeed } from "../src/witness/cosignature.js";
import { tempDir } from "./support/cli.js";
import { customers, range, release, storesOver, testLedger } from "./support/ledger.js";

const ORIGIN = "ledger.monitor.example/nsf";
const DAY = 86_400_000;
const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

describe("ledger monitor", () => {
  it("accepts consistent growth, and reports a fork, a rollback and growth without the witness quorum", async () => {
    const t = testLedger();
    cleanups.push(t.cleanup);
    const key = t.keyring.active("ledger-signing");
    const signer = logNoteSigner(key, ORIGIN);
    const vkey = logVkey(key.public ?? "", ORIGIN);
    const witness = cosignerFromSeed("witness.monitor.example/w1", new Uint8Array(32).fill(9));
    const { dir, cleanup } = tempDir("jikimi-monitor-");
    cleanups.push(cleanup);
    const subjectKey = t.keyring.active("ledger-subjects");
    const ledgerOver = (store: LedgerStore) =>
      new Ledger({
        store,
        subjects: new SubjectDictionary(),
        hasher: nodeSubjectHasher(subjectKey.id, Buffer.from(subjectKey.secret, "base64")),
        signer: signerFrom(key),
        log: "Monitor Pay",
        backdateDays: 100_000,
      });
    const appendDays = async (ledger: Ledger, from: number, to: number, people = 10) => {
      for (let d = from; d < to; d++) {
        const at = new Date(Date.UTC(2025, 0, 1, 2) + d * DAY);
        await ledger.append(
          release("feed", at.toISOString().slice(0, 10)),
          customers(range(0, people)),
          new Date(at.getTime() + 3_600_000),
        );
      }
    };
    /** Publishes the log in `store` afresh into the folder, cosigned by the witness unless `witnessed` is false. */
    const publish = async (store: LedgerStore, witnessed = true) => {
      rmSync(dir, { recursive: true, force: true });
      const note = await ledgerOver(store).checkpointNote(ORIGIN, signer);
      const cosigned = witnessed ? `${note}${witness.cosign(splitNote(note).text, 1_750_000_000)}\n` : note;
      await store.read((tx) => writeTiles(folderStore(dir), ledgerLogSource(tx), cosigned));
    };
    const watch = (previous: string | undefined) =>
      monitorLog(folderStore(dir), [vkey], { previous, witnesses: [witness.vkey], quorum: 1 });

    await appendDays(t.ledger, 0, 3);
    await publish(t.state.ledger);
    const first = await watch(undefined);
    expect(first).toMatchObject({ ok: true, size: 3, events: [{ kind: "first_seen" }] });
    // a copy of the log at size 3, before it grows
    t.db.pragma("journal_mode = DELETE");
    const image = t.db.serialize();

    await appendDays(t.ledger, 3, 5);
    await publish(t.state.ledger);
    const grew = await watch(first.keep);
    expect(grew).toMatchObject({ ok: true, size: 5, events: [{ kind: "grew" }] });
    expect(grew.keep).not.toBe(first.keep);

    // growth the witness did not cosign
    await appendDays(t.ledger, 5, 6);
    await publish(t.state.ledger, false);
    const unwitnessed = await watch(grew.keep);
    expect(unwitnessed.ok).toBe(false);
    expect(unwitnessed.events.map((e) => e.kind)).toEqual(["unwitnessed"]);
    expect(unwitnessed.keep).toBe(grew.keep); // the alarm repeats until someone looks

    // the copy, rewritten from size 3 with other releases and re-signed with the same key: a fork
    const forked = new Database(image);
    cleanups.push(() => {
      forked.close();
    });
    await appendDays(ledgerOver(storesOver(forked).ledger), 3, 5, 4);
    await publish(storesOver(forked).ledger);
    const fork = await watch(grew.keep);
    expect(fork.ok).toBe(false);
    expect(fork.events.map((e) => e.kind)).toContain("fork");

    // the copy as it was: a rollback to size 3
    const old = new Database(image);
    cleanups.push(() => {
      old.close();
    });
    await publish(storesOver(old).ledger);
    const rollback = await watch(grew.keep);
    expect(rollback.ok).toBe(false);
    expect(rollback.events.map((e) => e.kind)).toContain("rollback");
  });
});
