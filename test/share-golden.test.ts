// golden output of jikimi share for a small fixed input (test/fixtures/share-golden): a published test-only
// keyring, twelve hand-written customers and their consents. expected.csv is not only recorded: the first
// test recomputes it from the input with node:crypto alone (HKDF per derive.ts's documentation, HMAC over
// the normalised value), so a change of any pseudonym, normalisation, key derivation or CSV detail shows.
import { createHash, createHmac, hkdfSync } from "node:crypto";
import { chmodSync, copyFileSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { deriveInfo } from "../src/crypto/derive.js";
import { jikimi, ROOT, tempDir } from "./support/cli.js";

const FIXTURE = join(ROOT, "test", "fixtures", "share-golden");
const AGREEMENT = "nsf-credit-feed";
const RECIPIENT = "orbit-pay-sg";
const AT = "2024-05-31T02:00:00Z";
/** AT is more than 7 days before now: the release is held as back-dated unless overridden with a reason. */
const OVERRIDE = "test replays the share-golden fixture's day (consent is dated relative to 2024-05-31)";

/** What happens to each fixture row at AT, and why (the phase is daily-scoring: `where: appstore_linked`). */
const OUTCOME: Record<string, "released" | "bad" | "outOfScope" | "noConsent"> = {
  GT0000000001: "released", // 010-1234-5678
  GT0000000002: "released", // +82 10 ..., e-mail with upper case and spaces around it
  GT0000000003: "released", // 01034567890, e-mail in upper case
  GT0000000004: "outOfScope", // not linked to the app store
  GT0000000005: "noConsent", // never consented
  GT0000000006: "noConsent", // withdrew on 2024-03-01
  GT0000000007: "bad", // join_date 2023-02-30 is not a day
  GT0000000008: "released", // quoted name with a comma, quoted phone with spaces
  GT0000000009: "released", // row 1's phone and e-mail, written differently: the same pseudonyms
  GT0000000010: "released", // dormant, all zero
  GT0000000011: "noConsent", // consented on 2024-06-15, after AT
  GT0000000012: "outOfScope", // not linked (and no consent)
};

/** The released fields of examples/nsf-case-corrected's nsf-credit-feed, in order, and their transforms. */
const FIELDS: [string, "none" | "phone_kr" | "email" | "month" | "keep"][] = [
  ["customer_id", "none"],
  ["phone", "phone_kr"],
  ["email", "email"],
  ["join_date", "month"],
  ...[
    "dormant",
    "balance",
    "topup_count",
    "topup_amount",
    "withdrawal_count",
    "withdrawal_amount",
    "payment_count",
    "payment_amount",
    "transfer_count",
    "transfer_amount",
    "card_count",
  ].map((f): [string, "keep"] => [f, "keep"]),
];

interface KeyFile {
  keys: { id: string; purpose: string; status: string; secret?: string }[];
}

function master(): { id: string; secret: string } {
  const ring = JSON.parse(readFileSync(join(FIXTURE, "test-only.keyring"), "utf8")) as KeyFile;
  const key = ring.keys.find((k) => k.purpose === "master" && k.status === "active");
  if (!key?.secret) throw new Error("the test keyring has no active master key");
  return { id: key.id, secret: key.secret };
}

/**
 * The HKDF info of the agreement's pseudonym key, written out from derive.ts's documentation: RFC 8785
 * canonical JSON (keys in code-point order, no spaces) of the scheme label, use, recipient, scope (the
 * agreement, as no link_key is declared), key length and master key id.
 */
function pseudonymInfo(masterId: string): string {
  return `{"length":32,"master":"${masterId}","recipient":"${RECIPIENT}","scope":{"agreement":"${AGREEMENT}"},"use":"pseudonym","v":"jikimi/v1"}`;
}

/** The documented normalisations (pseudonym-apply.ts): phone_kr keeps digits and turns a leading 82 into 0. */
function normalise(kind: "none" | "phone_kr" | "email", value: string): string {
  if (kind === "email") return value.trim().toLowerCase();
  if (kind === "none") return value;
  const d = value.replace(/[^0-9]/g, "");
  if (!d.startsWith("82")) return d;
  return d.startsWith("820") ? d.slice(2) : `0${d.slice(2)}`;
}

/** expected.csv computed from the fixture with node:crypto only. */
function computeExpected(): { csv: string; info: string; key: Buffer } {
  const m = master();
  const info = pseudonymInfo(m.id);
  const key = Buffer.from(hkdfSync("sha256", Buffer.from(m.secret, "base64"), "jikimi/v1", info, 32));
  const pseudonym = (v: string) =>
    v === "" ? "" : createHmac("sha256", key).update(v, "utf8").digest("base64url");
  const rows = parse(readFileSync(join(FIXTURE, "customers.csv")), { columns: true }) as Record<
    string,
    string
  >[];
  expect(rows.map((r) => r.customer_id)).toEqual(Object.keys(OUTCOME));
  const lines = [FIELDS.map(([f]) => f).join(",")];
  for (const r of rows) {
    if (OUTCOME[r.customer_id ?? ""] !== "released") continue;
    lines.push(
      FIELDS.map(([f, how]) => {
        const v = r[f] ?? "";
        if (how === "keep") return v;
        if (how === "month") return v.slice(0, 7);
        return pseudonym(normalise(how, v));
      }).join(","),
    );
  }
  return { csv: `${lines.join("\n")}\n`, info, key };
}

describe("share golden output (test/fixtures/share-golden)", () => {
  it("expected.csv is what the agreement's transforms give under the test key, recomputed with node:crypto", () => {
    const { csv, info } = computeExpected();
    const m = master();
    // the info written out above is the one derive.ts builds
    expect(
      Buffer.from(
        deriveInfo({ use: "pseudonym", agreement: AGREEMENT, recipient: RECIPIENT, length: 32 }, m.id),
      ).toString("utf8"),
    ).toBe(info);
    const expected = readFileSync(join(FIXTURE, "expected.csv"), "utf8");
    expect(expected).toBe(csv);
    const out = expected
      .trim()
      .split("\n")
      .map((l) => l.split(","));
    expect(out).toHaveLength(7);
    // rows 1 and 9: one phone number and one e-mail address, written two ways, give one pseudonym each
    expect(out[5]?.[1]).toBe(out[1]?.[1]);
    expect(out[5]?.[2]).toBe(out[1]?.[2]);
    expect(out[5]?.[0]).not.toBe(out[1]?.[0]);
    for (const row of out.slice(1)) {
      for (const p of row.slice(0, 3)) expect(p).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(row[3]).toMatch(/^\d{4}-\d{2}$/);
    }
  });

  it("jikimi share releases expected.csv byte for byte, with the expected counts, quarantine and key ids", () => {
    const { dir, cleanup } = tempDir("jikimi-golden-");
    try {
      // the keyring sits outside the workspace, at mode 0600 (git keeps 0644)
      const keyring = join(dir, "test-only.keyring");
      copyFileSync(join(FIXTURE, "test-only.keyring"), keyring);
      chmodSync(keyring, 0o600);
      const env = { JIKIMI_KEYRING: keyring, JIKIMI_KEYRING_PASSPHRASE: "" };
      const run = (args: string[]) => jikimi(args, { env });
      const ws = join(dir, "ws");
      expect(run(["init", ws, "--example", "nsf-case-corrected"]).status).toBe(0);
      const feed = join(ws, "agreements", `${AGREEMENT}.yaml`);
      writeFileSync(feed, `${readFileSync(feed, "utf8").trimEnd()}\non_bad_row: quarantine\n`);
      const imported = run(["consent", "import", join(FIXTURE, "consent.csv"), "-w", ws]);
      expect(imported.status, imported.stderr).toBe(0);
      const out = join(dir, "out");
      const before = Date.now();
      const r = run([
        "share",
        AGREEMENT,
        "-w",
        ws,
        "-i",
        join(FIXTURE, "customers.csv"),
        "-o",
        out,
        "--at",
        AT,
        "--override",
        OVERRIDE,
        "--json",
      ]);
      expect(r.status, r.stderr).toBe(0);
      const result = JSON.parse(r.stdout) as {
        counts: Record<string, number>;
        held: string[];
        quarantined: unknown[];
        entry: { seq: number; subjects: number };
        output: string;
      };
      const count = (o: string) => Object.values(OUTCOME).filter((v) => v === o).length;
      expect(result.counts).toEqual({
        read: 12,
        bad: count("bad"),
        out_of_scope: count("outOfScope"),
        no_consent: count("noConsent"),
        released: count("released"),
        subjects: count("released"),
      });
      expect(result.counts).toMatchObject({ bad: 1, out_of_scope: 2, no_consent: 3, released: 6 });
      // the only hold is the back-dating one the override answers: no guard, risk or hash audit holds
      expect(result.held).toHaveLength(1);
      expect(result.held[0]).toMatch(/more than 7 days before now/);
      expect(result.quarantined).toEqual([{ row: 7, field: "join_date", code: "wrong_type" }]);
      expect(result.entry).toMatchObject({ seq: 0, subjects: 6 });
      // named by agreement, day and a run id, known before the ledger append (the manifest names the same file)
      const name = basename(result.output);
      expect(name).toMatch(new RegExp(`^${AGREEMENT}-${AT.slice(0, 10)}-[0-9a-f]{8}\\.csv$`));
      const released = readFileSync(join(out, name));
      const expected = readFileSync(join(FIXTURE, "expected.csv"));
      expect(released.equals(expected), "the release differs from expected.csv").toBe(true);
      const manifest = JSON.parse(readFileSync(join(out, `${name}.manifest.json`), "utf8")) as {
        file: { name: string; bytes: number; sha256: string };
        records: number;
        subjects: number;
      };
      expect(manifest.file).toMatchObject({
        name,
        bytes: expected.length,
        sha256: createHash("sha256").update(expected).digest("hex"),
      });
      expect(manifest).toMatchObject({ records: 6, subjects: 6 });
      expect(readdirSync(out).filter((f) => f.startsWith("."))).toEqual([]);
      // the ledger names the derived key by id, `<master id>/<first 16 hex of SHA-256(info)>`, never the key
      const log = run(["ledger", "log", "--json", "-w", ws]);
      expect(log.status, log.stderr).toBe(0);
      const [entry] = JSON.parse(log.stdout) as {
        fields: { name: string; key_id?: string }[];
        released_at: string;
        recorded_at: string;
        override?: string;
      }[];
      // the entry records the override, the fixture's release time, and the real clock's time of the run
      expect(entry?.override).toBe(OVERRIDE);
      expect(entry?.released_at).toBe(new Date(AT).toISOString());
      const recorded = Date.parse(entry?.recorded_at ?? "");
      expect(recorded).toBeGreaterThanOrEqual(before - 1000);
      expect(recorded).toBeLessThanOrEqual(Date.now() + 1000);
      const { info, key } = computeExpected();
      const keyId = `${master().id}/${createHash("sha256").update(info).digest("hex").slice(0, 16)}`;
      for (const f of ["customer_id", "phone", "email"])
        expect(entry?.fields.find((x) => x.name === f)?.key_id).toBe(keyId);
      const printed = r.stdout + r.stderr + log.stdout + log.stderr;
      for (const secret of [
        key.toString("base64"),
        key.toString("base64url"),
        key.toString("hex"),
        master().secret,
      ])
        expect(printed).not.toContain(secret);
    } finally {
      cleanup();
    }
  });
});
