// the dashboard's ledger page over the API: the stored signed checkpoint taken apart (who signed it, which of the
// configured witnesses cosigned it and when), the monitor's pass over the log as tiles (`jikimi ledger monitor`'s
// own monitorLog, against the checkpoint this server kept from its last clean pass), the full verify as a job
// (`jikimi ledger verify`'s own verifyLedger with the same checks), the log's verifier keys, and the log's tiles as
// one ustar archive. Every figure comes from the note opened with the log's public keys and the cosignatures
// verified with the witnesses' vkeys, or from the verifiers' reports; nothing here names a subject or holds a key
// that is not public.
import { randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "@hono/zod-openapi";
import { consentCheck, ledgerLogSource, verifyLedger } from "../../public/ledger.js";
import {
  monitorLog,
  openNote,
  parseCheckpoint,
  verifierFromVkey,
  verifyCosignatures,
  writeTiles,
} from "../../public/verify.js";
import { STATE_DIR, type WorkspaceSession } from "../../public/workspace.js";
import type { ServerApp } from "../app.js";
import { allow, guarded } from "../roles.js";
import { ErrorSchema } from "../schemas.js";
import { LEDGER_READERS } from "./ledger.js";
import { type TarFile, ustar } from "./ledger-tar.js";
import { TILE_READERS } from "./tiles.js";

const Hex = z.string().regex(/^[0-9a-f]{64}$/);
const KeyId = z
  .string()
  .regex(/^[0-9a-f]{8}$/)
  .openapi({ description: "the signed-note key ID, hex" });
const errors = (what: string) => ({
  description: what,
  content: { "application/json": { schema: ErrorSchema } },
});

const CheckpointView = z
  .object({
    origin: z.string(),
    size: z.number().int(),
    root: Hex,
    signed_by: z.array(z.object({ name: z.string(), key_id: KeyId })),
    witnesses: z.array(
      z.object({
        name: z.string(),
        key_id: KeyId,
        cosigned: z.boolean(),
        time: z.string().nullable().openapi({ description: "the time in the cosignature (ISO 8601, UTC)" }),
      }),
    ),
    quorum: z.number().int().openapi({ description: "jikimi.yaml ledger.witness_quorum" }),
    met: z.boolean(),
  })
  .openapi("LedgerCheckpoint");

const Problem = z.object({
  kind: z.string(),
  seq: z.number().int().optional(),
  place: z.string().optional(),
  message: z.string(),
});

const MonitorView = z
  .object({
    ok: z.boolean(),
    origin: z.string(),
    size: z.number().int(),
    root: z.string(),
    previous: z
      .object({ size: z.number().int(), root: z.string() })
      .nullable()
      .openapi({ description: "the checkpoint kept from this server's last clean pass; null on the first" }),
    events: z.array(z.object({ kind: z.string(), message: z.string() })),
    problems: z.array(Problem),
    witnesses: z
      .object({ cosigned: z.array(z.string()), quorum: z.number().int(), met: z.boolean() })
      .nullable(),
  })
  .openapi("LedgerMonitor");

const started = {
  description: "the job started: GET /v1/jobs/{id} gives its result (ok, size, root, problems, seconds)",
  content: {
    "application/json": {
      schema: z.object({ id: z.string(), kind: z.string(), state: z.string(), created_at: z.string() }),
    },
  },
};

export type LedgerCheckpointView = z.infer<typeof CheckpointView>;
export type LedgerMonitorView = z.infer<typeof MonitorView>;

const hex8 = (id: number) => id.toString(16).padStart(8, "0");

/** The stored checkpoint opened with the log's keys, and each configured witness's cosignature on it. */
export async function checkpointView(ws: WorkspaceSession): Promise<LedgerCheckpointView> {
  const note = await ws.checkpoint({ stored: true });
  const opened = openNote(note, ws.logVkeys(true).map(verifierFromVkey));
  const body = parseCheckpoint(opened.text);
  const { witnesses, quorum } = ws.settings;
  const check =
    witnesses.length > 0
      ? verifyCosignatures(
          note,
          witnesses.map((w) => w.vkey),
          quorum,
        )
      : undefined;
  return {
    origin: body.origin,
    size: body.size,
    root: Buffer.from(body.root).toString("hex"),
    signed_by: opened.verified.map((k) => ({ name: k.name, key_id: hex8(k.id) })),
    witnesses: witnesses.map((w) => {
      const c = check?.cosigned.find((x) => x.witness === w.name);
      // a cosigner vkey is <name>+<key ID hex>+<key>; names hold no "+" (c2sp.org/signed-note)
      const id = w.vkey.split("+")[1] ?? "";
      return {
        name: w.name,
        key_id: c ? hex8(c.keyId) : id,
        cosigned: c !== undefined,
        time: c ? new Date(c.time * 1000).toISOString() : null,
      };
    }),
    quorum,
    met: check?.met ?? quorum === 0,
  };
}

type TileStore = Parameters<typeof writeTiles>[0];

/** A tile store in memory: the log as `ledger publish` would write it, for the monitor and the archive. */
function memoryTiles(): TileStore & { files: Map<string, Uint8Array> } {
  const files = new Map<string, Uint8Array>();
  return {
    files,
    where: (path) => `tiles:${path}`,
    read: async (path, limit) => files.get(path)?.subarray(0, limit + 1),
    write: async (path, bytes) => {
      files.set(path, bytes);
    },
    remove: async (path) => {
      let found = false;
      for (const p of files.keys())
        if (p === path || p.startsWith(`${path}/`)) found = files.delete(p) || found;
      return found;
    },
    flush: async () => {},
  };
}

/** The log's tiles and its stored checkpoint, computed from the store as GET /v1/tiles serves them. */
async function logTiles(ws: WorkspaceSession): Promise<Map<string, Uint8Array>> {
  const note = await ws.checkpoint({ stored: true });
  const store = memoryTiles();
  await ws.store.ledger.read((tx) => writeTiles(store, ledgerLogSource(tx), note));
  return store.files;
}

/** Where this server keeps the checkpoint of its last clean monitor pass (as `ledger monitor --state` does). */
const monitorState = (ws: WorkspaceSession) => join(ws.root, STATE_DIR, "monitor.checkpoint");

/** One monitor pass over the log's own tiles; the kept checkpoint moves only when the pass is clean. */
export async function monitorView(ws: WorkspaceSession): Promise<LedgerMonitorView> {
  const file = monitorState(ws);
  const previous = await readFile(file, "utf8").catch(() => undefined);
  const files = await logTiles(ws);
  const reader = { where: (p: string) => `tiles:${p}`, read: async (p: string) => files.get(p) };
  const r = await monitorLog(reader, ws.logVkeys(true), {
    previous,
    witnesses: ws.settings.witnesses.map((w) => w.vkey),
    quorum: ws.settings.quorum,
  });
  if (r.ok && r.keep !== undefined && r.keep !== previous) {
    await mkdir(join(ws.root, STATE_DIR), { recursive: true });
    const tmp = `${file}.${randomBytes(6).toString("hex")}.tmp`;
    await writeFile(tmp, r.keep, { mode: 0o644 });
    await rename(tmp, file).catch(async (e: unknown) => {
      await rm(tmp, { force: true });
      throw e;
    });
  }
  return {
    ok: r.ok,
    origin: r.origin,
    size: r.size,
    root: r.root,
    previous: r.previous ?? null,
    events: r.events,
    problems: r.problems,
    witnesses: r.witnesses ?? null,
  };
}

/** The full verify `jikimi ledger verify` runs: the log, consent commitments, receipts roots, cosignatures. */
export async function verifyWorkspaceLedger(ws: WorkspaceSession) {
  const trusted = new Map<string, string>();
  for (const k of ws.logKeys.all()) if (k.public) trusted.set(k.id, k.public);
  const started = performance.now();
  const report = await verifyLedger(ws.store.ledger, trusted, {
    consent: consentCheck(ws.store.consent),
    receiptKey: (seq) => ws.hasher.receiptKey(seq),
    receipts: "latest",
    witnesses: ws.settings.witnesses.map((w) => w.vkey),
    locator: ws.store.locator,
  });
  return { ...report, seconds: (performance.now() - started) / 1000 };
}

/** Registers the ledger page's routes. */
export function registerLedgerWeb(app: ServerApp): void {
  app.openapi(
    guarded(LEDGER_READERS, {
      method: "get",
      path: "/v1/ledger/checkpoint",
      summary: "The stored signed checkpoint: its signers and each configured witness's cosignature",
      responses: {
        200: { description: "the checkpoint", content: { "application/json": { schema: CheckpointView } } },
        500: errors("the stored note does not verify under the log's keys"),
      },
    }),
    async (c) => c.json(await checkpointView(c.get("session")), 200),
  );

  app.openapi(
    guarded(LEDGER_READERS, {
      method: "get",
      path: "/v1/ledger/monitor",
      summary:
        "A monitor's pass over the log's tiles: a fork, a rollback or growth without the witness quorum since the last clean pass",
      responses: {
        200: { description: "the pass", content: { "application/json": { schema: MonitorView } } },
      },
    }),
    async (c) => c.json(await monitorView(c.get("session")), 200),
  );

  app.openapi(
    guarded(LEDGER_READERS, {
      method: "post",
      path: "/v1/ledger/verify",
      summary: "Runs the ledger's full verify (as `jikimi ledger verify`) as a job; nothing is written",
      responses: { 202: started, 503: errors("too many jobs running") },
    }),
    (c) => {
      const session = c.get("session");
      const view = c.get("jobs").start("verify", c.get("principal"), () => verifyWorkspaceLedger(session));
      return c.json(view, 202);
    },
  );

  app.openapi(
    guarded(LEDGER_READERS, {
      method: "get",
      path: "/v1/ledger/vkey",
      summary: "The log's verifier keys (public), one a line: the active key and any retired one",
      responses: { 200: { description: "vkeys", content: { "text/plain": { schema: z.string() } } } },
    }),
    (c) =>
      c.text(
        c
          .get("session")
          .logVkeys(true)
          .map((v) => `${v}\n`)
          .join(""),
        200,
        { "Content-Type": "text/plain; charset=utf-8" },
      ),
  );

  // the tiles' readers only, as GET /v1/tiles: documented as a route, served with the same role check
  const { middleware: _, ...doc } = guarded(TILE_READERS, {
    method: "get",
    path: "/v1/ledger/tiles.tar",
    summary: "The log as c2sp.org/tlog-tiles in one ustar archive (ledger/checkpoint, ledger/tile/...)",
    responses: {
      200: {
        description: "the archive; `jikimi verify log --tiles <folder>/ledger` verifies it once extracted",
        content: { "application/x-tar": { schema: z.string().openapi({ format: "binary" }) } },
      },
      403: errors("a role that does not read tiles"),
    },
  });
  app.openAPIRegistry.registerPath(doc);
  app.get("/v1/ledger/tiles.tar", allow(TILE_READERS), async (c) => {
    const files = await logTiles(c.get("session"));
    // the checkpoint first, then the tiles in path order: a stable archive for the same log
    const paths = [...files.keys()].filter((p) => p !== "checkpoint").sort();
    const entries: TarFile[] = ["checkpoint", ...paths].flatMap((p) => {
      const bytes = files.get(p);
      return bytes ? [{ path: `ledger/${p}`, bytes }] : [];
    });
    const tar = ustar(entries, Math.floor(Date.now() / 1000));
    return c.body(tar, 200, {
      "Content-Type": "application/x-tar",
      "Content-Disposition": 'attachment; filename="ledger-tiles.tar"',
      "Cache-Control": "no-cache",
    });
  });
}
