// the ledger page's routes over the minimal example released twice: the checkpoint taken apart agrees with GET
// /v1/checkpoint's note, the monitor keeps a clean pass and compares the next with it, verify runs as a job and
// passes, the tiles archive extracts with the system's tar into a folder `verify log` accepts, and the ustar
// writer's headers are what tar reads.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, expectTypeOf, it } from "vitest";
import { serverWorkspace, twoReleases } from "../../../test/support/server.js";
import type { WebLedgerCheckpoint, WebLedgerMonitor, WebLedgerVerify } from "../../../web/src/types.js";
import {
  folderStore,
  openNote,
  parseCheckpoint,
  verifierFromVkey,
  verifyTiles,
} from "../../public/verify.js";
import { ustar } from "./ledger-tar.js";
import type { LedgerCheckpointView, LedgerMonitorView, verifyWorkspaceLedger } from "./ledger-web.js";

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const hasTar = spawnSync("tar", ["--version"]).status === 0;

/** Extracts `archive` with the system's tar into a new folder. */
function untar(archive: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), "jikimi-tar-"));
  dirs.push(dir);
  writeFileSync(join(dir, "a.tar"), archive);
  mkdirSync(join(dir, "x"));
  const r = spawnSync("tar", ["-xf", join(dir, "a.tar"), "-C", join(dir, "x")], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(r.stderr);
  return join(dir, "x");
}

describe("ustar", () => {
  it.skipIf(!hasTar)(
    "writes files the system's tar extracts byte for byte, long paths split into prefix",
    () => {
      const long = `${"d".repeat(90)}/${"e".repeat(60)}/file-${"f".repeat(80)}`;
      const files = [
        { path: "ledger/checkpoint", bytes: new TextEncoder().encode("origin\n3\nroot=\n") },
        { path: "ledger/tile/0/000.p/3", bytes: new Uint8Array(96).map((_, i) => i) },
        { path: "empty", bytes: new Uint8Array(0) },
        { path: long, bytes: new Uint8Array(513).fill(7) },
      ];
      const archive = ustar(files, 1_700_000_000);
      expect(archive.length % 512).toBe(0);
      const out = untar(archive);
      for (const f of files) expect(new Uint8Array(readFileSync(join(out, f.path)))).toEqual(f.bytes);
      const listed = spawnSync("tar", ["-tvf", "-"], { input: archive, encoding: "utf8" }).stdout;
      expect(listed).toContain("2023-11-14");
    },
  );

  it("refuses a path that is absolute, climbs out, or does not fit the header", () => {
    for (const path of ["/etc/passwd", "a/../b", "a//b", "é", "x".repeat(101), `${"p".repeat(156)}/n`])
      expect(() => ustar([{ path, bytes: new Uint8Array(1) }], 0)).toThrow(RangeError);
  });
});

describe("the ledger page's routes", () => {
  it("hold to the dashboard's types", () => {
    expectTypeOf<LedgerCheckpointView>().toExtend<WebLedgerCheckpoint>();
    expectTypeOf<LedgerMonitorView>().toExtend<WebLedgerMonitor>();
    expectTypeOf<Awaited<ReturnType<typeof verifyWorkspaceLedger>>>().toExtend<WebLedgerVerify>();
  });

  it("show the checkpoint, monitor and verify the log, and give its key and tiles to their readers", async () => {
    const s = await serverWorkspace(dirs);
    try {
      await twoReleases(s);
      const note = await (await s.call("/v1/checkpoint", { as: "operator" })).text();
      const vkeys = s.session.logVkeys(true);
      const body = parseCheckpoint(openNote(note, vkeys.map(verifierFromVkey)).text);

      const cp = (await (
        await s.call("/v1/ledger/checkpoint", { as: "regulator" })
      ).json()) as LedgerCheckpointView;
      expect(cp).toMatchObject({
        origin: body.origin,
        size: 2,
        root: Buffer.from(body.root).toString("hex"),
      });
      expect(cp.signed_by.map((k) => k.name)).toEqual([body.origin]);
      expect(cp.witnesses).toEqual([]);
      expect(cp.met).toBe(true);

      // the first pass keeps the checkpoint; the next compares with it, and after a release sees growth
      const monitor = async () =>
        (await (await s.call("/v1/ledger/monitor", { as: "dpo" })).json()) as LedgerMonitorView;
      const first = await monitor();
      expect(first).toMatchObject({ ok: true, size: 2, previous: null, problems: [] });
      expect(first.events.map((e) => e.kind)).toEqual(["first_seen"]);
      const second = await monitor();
      expect(second.previous).toEqual({ size: 2, root: cp.root });
      expect(second.events.map((e) => e.kind)).toEqual(["unchanged"]);

      const started = await s.call("/v1/ledger/verify", { as: "operator", method: "POST" });
      expect(started.status).toBe(202);
      const { id } = (await started.json()) as { id: string };
      let finished = false;
      for (let i = 0; i < 400 && !finished; i++) {
        const job = (await (await s.call(`/v1/jobs/${id}`, { as: "operator" })).json()) as {
          state: string;
          result?: WebLedgerVerify;
        };
        if (job.state === "running") {
          await new Promise((r) => setTimeout(r, 25));
          continue;
        }
        expect(job.state).toBe("done");
        expect(job.result).toMatchObject({ ok: true, size: 2, root: cp.root, problems: [] });
        finished = true;
      }
      expect(finished).toBe(true);

      expect(await (await s.call("/v1/ledger/vkey", { as: "regulator" })).text()).toBe(
        vkeys.map((v) => `${v}\n`).join(""),
      );

      expect((await s.call("/v1/ledger/tiles.tar", { as: "operator" })).status).toBe(403);
      const tar = await s.call("/v1/ledger/tiles.tar", { as: "dpo" });
      expect(tar.headers.get("content-type")).toBe("application/x-tar");
      if (hasTar) {
        const out = untar(new Uint8Array(await tar.arrayBuffer()));
        expect(readFileSync(join(out, "ledger", "checkpoint"), "utf8")).toBe(note);
        const verified = await verifyTiles(folderStore(join(out, "ledger")), vkeys);
        expect(verified).toMatchObject({ ok: true, size: 2, root: cp.root });
      }
    } finally {
      await s.session.close();
    }
  });
});
