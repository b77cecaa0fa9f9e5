// jikimi keys rotate, shred, seal, unseal and list end to end through the built CLI; no secret or
// passphrase ever reaches the terminal.
import { readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { jikimi, tempDir } from "./support/cli.js";

const PASS = "a long enough passphrase";

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

interface Row {
  id: string;
  purpose: string;
  status: string;
  retired?: string;
  shredded?: string;
}

function setup() {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  const ws = join(dir, "ws");
  const keyring = join(dir, "keys", "test.keyring");
  expect(jikimi(["init", ws, "--example", "nsf-case-corrected"]).status).toBe(0);
  const run = (args: string[], passphrase = "") => {
    const r = jikimi([...args, "-w", ws], {
      env: { JIKIMI_KEYRING: keyring, JIKIMI_KEYRING_PASSPHRASE: passphrase },
    });
    // nothing secret is ever printed (ledger verbs print public keys and signed notes: those are checked apart)
    const text = r.stdout + r.stderr;
    if (passphrase) expect(text).not.toContain(passphrase);
    expect(text).not.toMatch(args[0] === "ledger" ? /"secret"/ : /"secret"|[A-Za-z0-9+/]{40,}={0,2}/);
    return r;
  };
  const list = (passphrase = ""): Row[] =>
    JSON.parse(run(["keys", "list", "--format", "json"], passphrase).stdout) as Row[];
  return { keyring, run, list };
}

const mode = (path: string) => statSync(path).mode & 0o777;

describe("jikimi keys rotate", () => {
  it("retires the old master key and lists both with their status", () => {
    const { keyring, run, list } = setup();
    expect(run(["keys", "init"]).status).toBe(0);
    const old = list().find((k) => k.purpose === "master");
    const r = run(["keys", "rotate", "master"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain(`${old?.id} is retired`);
    expect(mode(keyring)).toBe(0o600);
    const masters = list().filter((k) => k.purpose === "master");
    expect(masters.map((k) => k.status).sort()).toEqual(["active", "retired"]);
    expect(masters.find((k) => k.status === "retired")?.id).toBe(old?.id);
    const text = run(["keys", "list"]);
    expect(text.stdout).toMatch(new RegExp(`${old?.id}\\s+master\\s+retired`));
    expect(text.stderr).toMatch(/not sealed/);
  });

  it("refuses the ledger-subjects key and an unknown purpose with exit 2", () => {
    const { run } = setup();
    run(["keys", "init"]);
    const subjects = run(["keys", "rotate", "ledger-subjects"]);
    expect(subjects.status).toBe(2);
    expect(subjects.stderr).toMatch(/subject dictionary is keyed by it/);
    const unknown = run(["keys", "rotate", "pepper"]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/no key purpose pepper/);
  });
});

describe("jikimi keys shred", () => {
  it("shreds a retired key and refuses the active one without --force", () => {
    const { keyring, run, list } = setup();
    run(["keys", "init"]);
    const master = list().find((k) => k.purpose === "master");
    run(["keys", "rotate", "master"]);
    const r = run(["keys", "shred", master?.id ?? ""]);
    expect(r.status, r.stderr).toBe(0);
    expect(mode(keyring)).toBe(0o600);
    const shredded = list().find((k) => k.id === master?.id);
    expect(shredded).toMatchObject({ status: "shredded" });
    expect(shredded?.shredded).toMatch(/^\d{4}-/);
    const onDisk = JSON.parse(readFileSync(keyring, "utf8")) as { keys: { id: string; secret?: string }[] };
    expect(onDisk.keys.find((k) => k.id === master?.id)?.secret).toBeUndefined();

    const active = list().find((k) => k.purpose === "master" && k.status === "active");
    const refused = run(["keys", "shred", active?.id ?? ""]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/--force/);
    expect(run(["keys", "shred", active?.id ?? "", "--force"]).status).toBe(0);
    expect(list().find((k) => k.id === active?.id)?.status).toBe("shredded");
    expect(run(["keys", "shred", "master-00000000"]).status).toBe(2);
  });
});

describe("the log signing key", () => {
  it("lives in its own 0600 file; rotation drops the retired private key and old checkpoints still verify", () => {
    const { keyring, run, list } = setup();
    run(["keys", "init"]);
    const logKey = `${keyring}.log-key`;
    expect(mode(logKey)).toBe(0o600);
    const ring = JSON.parse(readFileSync(keyring, "utf8")) as { keys: { purpose: string }[] };
    expect(ring.keys.map((k) => k.purpose).sort()).toEqual(["ledger-subjects", "master"]);
    const signing = list().find((k) => k.purpose === "ledger-signing");
    expect(signing?.status).toBe("active");
    const before = run(["ledger", "checkpoint"]);
    expect(before.status, before.stderr).toBe(0);
    const oldVkey = run(["ledger", "vkey"]).stdout.trim();

    const rotated = run(["keys", "rotate", "ledger-signing"]);
    expect(rotated.status, rotated.stderr).toBe(0);
    expect(rotated.stderr).toMatch(/private key is gone/);
    const onDisk = JSON.parse(readFileSync(logKey, "utf8")) as {
      keys: { id: string; status: string; secret?: string; public?: string }[];
    };
    const retired = onDisk.keys.find((k) => k.id === signing?.id);
    expect(retired).toMatchObject({ status: "retired" });
    expect(retired?.secret).toBeUndefined();
    expect(retired?.public).toBeTruthy();
    expect(onDisk.keys.filter((k) => k.secret !== undefined)).toHaveLength(1);
    // the new key signs from now on; the retired key's vkey is still published with --all
    const vkeys = run(["ledger", "vkey", "--all"]).stdout.trim().split("\n");
    expect(vkeys).toContain(oldVkey);
    expect(vkeys).toHaveLength(2);
    expect(run(["ledger", "vkey"]).stdout.trim()).not.toBe(oldVkey);
  });

  it("moves a signing key out of a keyring made before the split", () => {
    const { keyring, run } = setup();
    run(["keys", "init"]);
    // rebuild the older layout: the signing key inside the keyring, no log key file
    const logKey = `${keyring}.log-key`;
    const ring = JSON.parse(readFileSync(keyring, "utf8")) as { keys: unknown[] };
    const log = JSON.parse(readFileSync(logKey, "utf8")) as { keys: unknown[] };
    writeFileSync(keyring, JSON.stringify({ ...ring, keys: [...ring.keys, ...log.keys] }), { mode: 0o600 });
    rmSync(logKey);
    const vkey = run(["ledger", "vkey"]);
    expect(vkey.status, vkey.stderr).toBe(0);
    expect(run(["keys", "list"]).stderr).toMatch(/move-log-key/);
    expect(run(["keys", "init"]).stderr).toMatch(/move-log-key/);
    const moved = run(["keys", "move-log-key"]);
    expect(moved.status, moved.stderr).toBe(0);
    expect(mode(logKey)).toBe(0o600);
    const after = JSON.parse(readFileSync(keyring, "utf8")) as { keys: { purpose: string }[] };
    expect(after.keys.some((k) => k.purpose === "ledger-signing")).toBe(false);
    expect(run(["ledger", "vkey"]).stdout).toBe(vkey.stdout);
    expect(run(["keys", "move-log-key"]).status).toBe(2);
  });
});

describe("jikimi keys seal / unseal", () => {
  it("seals and unseals, and a sealed keyring needs the right passphrase", () => {
    const { keyring, run, list } = setup();
    run(["keys", "init"]);
    const keys = list();
    expect(run(["keys", "seal"]).status).toBe(2);
    const seal = run(["keys", "seal"], PASS);
    expect(seal.status, seal.stderr).toBe(0);
    expect(mode(keyring)).toBe(0o600);
    expect(readFileSync(keyring, "utf8")).not.toMatch(/master-|"secret"/);

    const missing = run(["keys", "list"]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/is sealed: set JIKIMI_KEYRING_PASSPHRASE/);
    const wrong = run(["keys", "list"], "not the passphrase");
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(/the passphrase does not open the keyring/);
    const listed = run(["keys", "list"], PASS);
    expect(listed.status).toBe(0);
    expect(listed.stderr).toMatch(/: sealed/);
    expect(list(PASS)).toEqual(keys);

    expect(run(["keys", "rotate", "master"], PASS).status).toBe(0);
    expect(mode(keyring)).toBe(0o600);
    expect(run(["keys", "list"]).status).toBe(2);

    const unseal = run(["keys", "unseal"], PASS);
    expect(unseal.status, unseal.stderr).toBe(0);
    expect(mode(keyring)).toBe(0o600);
    expect(list().filter((k) => k.purpose === "master")).toHaveLength(2);
    expect(run(["keys", "unseal"], PASS).status).toBe(2);
  });

  it("creates a sealed keyring when the passphrase is set at init", () => {
    const { keyring, run } = setup();
    const init = run(["keys", "init"], PASS);
    expect(init.status, init.stderr).toBe(0);
    expect(init.stderr).toMatch(/sealed/);
    expect(Object.keys(JSON.parse(readFileSync(keyring, "utf8")) as object).sort()).toEqual([
      "format",
      "sealed",
    ]);
    expect(run(["keys", "list"], PASS).status).toBe(0);
  });
});
