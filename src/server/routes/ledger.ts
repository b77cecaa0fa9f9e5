// the ledger's public view over HTTP: the log paged (GET /v1/releases), one entry's public body and leaf hash,
// inclusion and consistency proofs (hex hashes, as `jikimi ledger show` gives them) and the signed checkpoint note
// with its stored cosignatures. Each answers what the CLI's `ledger log`, `ledger show` and `ledger checkpoint`
// compute, from the same library calls; nothing here names a subject.
import { z } from "@hono/zod-openapi";
import type { EntryBody, StoredEntry } from "../../public/ledger.js";
import type { ServerApp } from "../app.js";
import { apiError } from "../errors.js";
import { guarded } from "../roles.js";
import { ErrorSchema } from "../schemas.js";

/** Who reads the ledger's public view. */
export const LEDGER_READERS = ["operator", "dpo", "regulator"] as const;

const Hex = z.string().regex(/^[0-9a-f]{64}$/);
const Count = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const errors = (what: string) => ({
  description: what,
  content: { "application/json": { schema: ErrorSchema } },
});

const LogItem = z
  .object({
    seq: z.number().int(),
    kind: z.enum(["release", "prune", "hold"]),
    agreement: z.object({ id: z.string(), version: z.number().int() }).nullable(),
    recipient: z.object({ id: z.string(), name: z.string(), country: z.string() }).nullable(),
    released_at: z.string().nullable(),
    recorded_at: z.string().nullable().openapi({ description: "null for an entry whose body was pruned" }),
    subject_count: z.number().int().nullable(),
    pruned_at: z.string().nullable().openapi({ description: "when a later prune event removed the body" }),
  })
  .openapi("LogItem");

const LogPage = z
  .object({
    size: z.number().int().openapi({ description: "entries in the ledger now" }),
    releases: z.array(LogItem),
    next_after: z
      .number()
      .int()
      .nullable()
      .openapi({ description: "pass as `after` for the next page; null on the last page" }),
  })
  .openapi("LogPage");

const EntryView = z
  .object({
    seq: z.number().int(),
    kind: z.enum(["release", "prune", "hold"]),
    entry: z
      .record(z.string(), z.unknown())
      .nullable()
      .openapi({ description: "the entry's public body (jikimi-ledger-entry/2); null once pruned" }),
    pruned_at: z.string().nullable(),
    leaf_hash: Hex.openapi({ description: "SHA-256(0x00 || canonical body), hex" }),
  })
  .openapi("LedgerEntry");

const InclusionProof = z
  .object({
    seq: z.number().int(),
    size: z.number().int(),
    leaf_hash: Hex,
    root: Hex,
    proof: z.array(Hex).openapi({ description: "RFC 9162 inclusion proof, hex hashes" }),
  })
  .openapi("InclusionProof");

const ConsistencyProof = z
  .object({
    from: z.number().int(),
    to: z.number().int(),
    root_from: Hex,
    root_to: Hex,
    proof: z.array(Hex).openapi({ description: "RFC 9162 consistency proof, hex hashes" }),
  })
  .openapi("ConsistencyProof");

/** One line of the log: what `ledger log` shows of an entry, nothing of its subjects but their count. */
function logItem(e: StoredEntry): z.infer<typeof LogItem> {
  const b: EntryBody | undefined = e.body;
  const release = b?.kind === "release" ? b : undefined;
  return {
    seq: e.seq,
    kind: e.kind,
    agreement: release ? { id: release.agreement.id, version: release.agreement.version } : null,
    recipient: release
      ? { id: release.recipient.id, name: release.recipient.name, country: release.recipient.country }
      : null,
    released_at: release?.released_at ?? null,
    recorded_at: b?.recorded_at ?? null,
    subject_count: release?.subjects.count ?? null,
    pruned_at: e.prunedAt ?? null,
  };
}

/** Registers the log, entries, proofs and the checkpoint. */
export function registerLedger(app: ServerApp): void {
  app.openapi(
    guarded(LEDGER_READERS, {
      method: "get",
      path: "/v1/releases",
      summary: "The ledger's entries, oldest first, a page at a time",
      request: {
        query: z.object({
          after: Count.optional().openapi({ description: "the last seq of the previous page" }),
          limit: z.coerce.number().int().min(1).max(1000).default(100),
        }),
      },
      responses: {
        200: { description: "a page of the log", content: { "application/json": { schema: LogPage } } },
        400: errors("a bad parameter"),
      },
    }),
    async (c) => {
      const { after, limit } = c.req.valid("query");
      const ledger = c.get("session").ledger();
      const size = await ledger.size();
      const start = after === undefined ? 0 : after + 1;
      const end = Math.min(size, start + limit);
      // entries are numbered densely from 0, newest first from the store: the page is the `end - start` below end
      const entries = start < end ? await ledger.entries({ before: end, limit: end - start }) : [];
      const releases = entries.reverse().map(logItem);
      return c.json({ size, releases, next_after: end < size ? end - 1 : null }, 200);
    },
  );

  app.openapi(
    guarded(LEDGER_READERS, {
      method: "get",
      path: "/v1/releases/{seq}",
      summary: "One entry's public body and leaf hash",
      request: { params: z.object({ seq: z.string().regex(/^(0|[1-9][0-9]{0,14})$/) }) },
      responses: {
        200: { description: "the entry", content: { "application/json": { schema: EntryView } } },
        404: errors("no such entry"),
      },
    }),
    async (c) => {
      const seq = Number(c.req.valid("param").seq);
      const ledger = c.get("session").ledger();
      const size = await ledger.size();
      const stored = seq < size ? await ledger.entry(seq) : undefined;
      if (!stored) throw apiError("no_such_entry", { seq, size });
      const { leaf } = await ledger.inclusionProof(seq);
      return c.json(
        {
          seq,
          kind: stored.kind,
          entry: (stored.body as Record<string, unknown> | undefined) ?? null,
          pruned_at: stored.prunedAt ?? null,
          leaf_hash: leaf,
        },
        200,
      );
    },
  );

  app.openapi(
    guarded(LEDGER_READERS, {
      method: "get",
      path: "/v1/proofs/inclusion",
      summary: "An entry's inclusion proof in the tree of `size` entries (default: all)",
      request: { query: z.object({ seq: Count, size: Count.optional() }) },
      responses: {
        200: { description: "the proof", content: { "application/json": { schema: InclusionProof } } },
        400: errors("a size out of range"),
        404: errors("no such entry"),
      },
    }),
    async (c) => {
      const { seq, size } = c.req.valid("query");
      const ledger = c.get("session").ledger();
      const held = await ledger.size();
      const n = size ?? held;
      if (n > held) throw apiError("bad_size", { what: `size=${n}`, size: held });
      if (seq >= n) throw apiError("no_such_entry", { seq, size: n });
      const p = await ledger.inclusionProof(seq, n);
      return c.json({ seq: p.seq, size: p.size, leaf_hash: p.leaf, root: p.root, proof: p.proof }, 200);
    },
  );

  app.openapi(
    guarded(LEDGER_READERS, {
      method: "get",
      path: "/v1/proofs/consistency",
      summary: "A consistency proof from the tree of `from` entries to the tree of `to` (default: all)",
      request: { query: z.object({ from: Count, to: Count.optional() }) },
      responses: {
        200: { description: "the proof", content: { "application/json": { schema: ConsistencyProof } } },
        400: errors("sizes out of range"),
      },
    }),
    async (c) => {
      const { from, to } = c.req.valid("query");
      const ledger = c.get("session").ledger();
      const held = await ledger.size();
      const n = to ?? held;
      if (n > held || from > n) throw apiError("bad_size", { what: `from=${from}, to=${n}`, size: held });
      const p = await ledger.consistencyProof(from, n);
      return c.json(
        { from: p.size1, to: p.size2, root_from: p.root1, root_to: p.root2, proof: p.proof },
        200,
      );
    },
  );

  app.openapi(
    guarded(LEDGER_READERS, {
      method: "get",
      path: "/v1/checkpoint",
      summary: "The latest signed checkpoint note (c2sp.org/tlog-checkpoint) with its stored cosignatures",
      responses: {
        200: { description: "the signed note", content: { "text/plain": { schema: z.string() } } },
      },
    }),
    async (c) => {
      // stored: no witness is called from a request; `ledger witness` (or a release) gathers cosignatures
      const note = await c.get("session").checkpoint({ stored: true });
      c.header("Cache-Control", "no-cache");
      return c.text(note, 200, { "Content-Type": "text/plain; charset=utf-8" });
    },
  );
}
