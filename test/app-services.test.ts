// the service layer as the CLI, the server and the workers reach it: one session over a workspace folder answers
// check, share, checkpoints and detokenize from the workspace's own declarations, keys and state store.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { initKeyring } from "../src/crypto/keyring.js";
import { openWorkspace } from "../src/index.js";
import { folderSink } from "../src/io/folder-sink.js";
import { fileSource } from "../src/io/record-source.js";
import { ROOT } from "./support/cli.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A copy of examples/minimal with a keyring outside it, and the environment that names the keyring. */
function minimal() {
  const dir = mkdtempSync(join(tmpdir(), "jikimi-app-"));
  dirs.push(dir);
  const root = join(dir, "ws");
  cpSync(join(ROOT, "examples", "minimal"), root, { recursive: true });
  const keyring = join(dir, "k.keyring");
  initKeyring(keyring, new Date("2025-01-01T00:00:00Z"), {});
  const out = join(dir, "out");
  return { dir, root, out, env: { JIKIMI_KEYRING: keyring } };
}

const AT = new Date("2026-06-01T02:00:00Z");

describe("openWorkspace services", () => {
  it("check returns the findings and records the run with the declarations' digest", async () => {
    const m = minimal();
    const ws = await openWorkspace({ root: m.root, env: m.env });
    try {
      const outcome = await ws.check("2026-06-01");
      expect(outcome.loaded).toBe(true);
      if (!outcome.loaded) return;
      expect(outcome.result.agreements).toBe(1);
      const [run] = await ws.store.checkRuns.last(1);
      expect(run?.workspaceDigest).toBe(outcome.digest);
      expect(run?.errors).toBe(outcome.counts.errors);
      await ws.check("2026-06-01", { record: false });
      expect(await ws.store.checkRuns.last(5)).toHaveLength(1);
    } finally {
      await ws.close();
    }
  });

  it("a workspace with a broken file gives its problems as data, records no run, and refuses a release", async () => {
    const m = minimal();
    writeFileSync(join(m.root, "recipients", "mailer.yaml"), "id: [unclosed\n");
    const ws = await openWorkspace({ root: m.root, env: m.env });
    try {
      const outcome = await ws.check("2026-06-01");
      expect(outcome.loaded).toBe(false);
      if (outcome.loaded) return;
      expect(outcome.issues.some((i) => i.file.includes("mailer.yaml"))).toBe(true);
      expect(await ws.store.checkRuns.last(1)).toHaveLength(0);
      expect(() => ws.declarations()).toThrow(expect.objectContaining({ code: "workspace_invalid" }));
      await expect(
        ws.share({
          agreement: "newsletter-mailing",
          source: fileSource(join(m.root, "sample", "members.csv")),
          sink: folderSink(m.out, m.root),
          at: AT,
          operator: "test",
        }),
      ).rejects.toMatchObject({ code: "workspace_invalid" });
      expect(await ws.ledger().size()).toBe(0);
    } finally {
      await ws.close();
    }
  });

  it("share releases through the session; a second session sees the entry, and the tokens open again", async () => {
    const m = minimal();
    mkdirSync(m.out);
    const ws = await openWorkspace({ root: m.root, env: m.env });
    let released: string;
    try {
      const r = await ws.share({
        agreement: "newsletter-mailing",
        source: fileSource(join(m.root, "sample", "members.csv")),
        sink: folderSink(m.out, m.root),
        at: AT,
        now: AT,
        operator: "test",
      });
      const subscribers = readFileSync(join(m.root, "sample", "members.csv"), "utf8")
        .trim()
        .split("\n")
        .slice(1)
        .filter((l) => l.endsWith(",true"));
      expect(r.counts.released).toBe(subscribers.length);
      expect(r.held).toEqual([]);
      const file = readdirSync(m.out).find((f) => f.endsWith(".csv"));
      expect(file).toBeDefined();
      released = readFileSync(join(m.out, file as string), "utf8");
      // the stored checkpoint covers the one entry
      expect((await ws.checkpoint({ stored: true })).split("\n")[1]).toBe("1");
    } finally {
      await ws.close();
    }
    const again = await openWorkspace({ root: m.root, env: m.env });
    try {
      expect(await again.ledger().size()).toBe(1);
      const [header, first] = released.trim().split("\n");
      const column = header?.split(",").indexOf("member_id") ?? -1;
      const token = first?.split(",")[column] as string;
      const open = again.detokenizer("newsletter-mailing", "member_id");
      expect(open(token)).toMatch(/^M\d{6}$/);
      expect(() => again.detokenizer("newsletter-mailing", "email")).toThrow(
        expect.objectContaining({ code: "not_a_token_field" }),
      );
      expect(() => again.detokenizer("no-such", "member_id")).toThrow(
        expect.objectContaining({ code: "unknown_agreement" }),
      );
    } finally {
      await again.close();
    }
  });
});
