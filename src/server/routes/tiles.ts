// GET /v1/tiles/{path}: the log as c2sp.org/tlog-tiles, computed from the state store on request (no folder is
// published): `tile/<L>/<N>[.p/<W>]` hash tiles, `tile/entries/<N>[.p/<W>]` entry bundles (canonical public bodies,
// a pruned entry's marker) and `checkpoint`, the stored cosigned note. The bytes are what `ledger publish` writes
// for the same log, so `jikimi verify log` can read this prefix as it reads a published folder.

import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { JikimiError, t } from "../../public/base.js";
import { encodeBundle, type LogSource, ledgerLogSource, TILE_WIDTH, tileRoot } from "../../public/ledger.js";
import type { WorkspaceSession } from "../../public/workspace.js";
import type { ServerApp } from "../app.js";
import type { ServerEnv } from "../env.js";
import { allow, guarded } from "../roles.js";
import { ErrorSchema } from "../schemas.js";

/** Who reads the tiles: the ledger's outside verifiers. */
export const TILE_READERS = ["dpo", "regulator"] as const;

/** A tile a request names: a hash tile at `level`, or an entry bundle. */
interface TileRequest {
  level: number | "entries";
  index: number;
  width: number;
}

// a full hash tile never changes; a bundle is rewritten with markers when its entries are pruned, and a partial
// tile is replaced by the full one, so neither is kept by caches for long
const IMMUTABLE = "public, max-age=31536000, immutable";
const SHORT = "public, max-age=300";

/**
 * The tile a path names, or undefined when it is not a canonical tlog-tiles path (levels 0-63, index groups of
 * three digits, all but the last prefixed with `x` and no leading `x000`, a partial width 1-255).
 * @example parseTilePath("tile/0/x001/067.p/12") // { level: 0, index: 1067, width: 12 }
 */
export function parseTilePath(path: string): TileRequest | undefined {
  const m = /^tile\/(entries|0|[1-9][0-9]?)\/((?:x[0-9]{3}\/){0,5}[0-9]{3})(?:\.p\/([1-9][0-9]{0,2}))?$/.exec(
    path,
  );
  if (!m) return undefined;
  const level = m[1] === "entries" ? "entries" : Number(m[1]);
  if (typeof level === "number" && level > 63) return undefined;
  const groups = (m[2] as string).split("/");
  if (groups.length > 1 && groups[0] === "x000") return undefined;
  const index = groups.reduce((n, g) => n * 1000 + Number(g.replace("x", "")), 0);
  if (m[3] !== undefined && Number(m[3]) >= TILE_WIDTH) return undefined;
  return { level, index, width: m[3] === undefined ? TILE_WIDTH : Number(m[3]) };
}

/** The hashes of full subtrees (level >= 1) computed so far, per session: a full subtree never changes. */
const subtreeCache = new WeakMap<WorkspaceSession, Map<string, Uint8Array>>();
const MAX_CACHED = 1 << 20;

/** The hashes at tile level `level` (level 0: leaf hashes; level l: roots of 256^l leaves), indexes [from, to). */
async function hashesAt(
  source: LogSource,
  cache: Map<string, Uint8Array>,
  level: number,
  from: number,
  to: number,
): Promise<Uint8Array> {
  if (level === 0) return source.leafHashes(from, to);
  const out = new Uint8Array((to - from) * 32);
  for (let i = from; i < to; i++) {
    const key = `${level}/${i}`;
    let hash = cache.get(key);
    if (!hash) {
      const below = await hashesAt(source, cache, level - 1, i * TILE_WIDTH, (i + 1) * TILE_WIDTH);
      hash = tileRoot(below);
      if (cache.size >= MAX_CACHED) cache.clear();
      cache.set(key, hash);
    }
    out.set(hash, (i - from) * 32);
  }
  return out;
}

/** The bytes of a tile of the log `source` holds, or undefined when the log does not hold every entry it covers. */
async function tileBytes(
  source: LogSource,
  cache: Map<string, Uint8Array>,
  tile: TileRequest,
): Promise<Uint8Array | undefined> {
  const size = await source.size();
  if (tile.level === "entries") {
    const first = tile.index * TILE_WIDTH;
    if (first + tile.width > size) return undefined;
    return encodeBundle(await source.entries(first, first + tile.width), first);
  }
  const span = TILE_WIDTH ** tile.level;
  const first = tile.index * TILE_WIDTH;
  if ((first + tile.width) * span > size) return undefined;
  return hashesAt(source, cache, tile.level, first, first + tile.width);
}

function notFound(path: string, size: number): JikimiError {
  return new JikimiError("no_such_entry", t("server.ledger.no_such_tile", { path: safe(path), size }), {
    hint: t("server.ledger.no_such_tile_hint"),
  });
}

/** A path fit to repeat in an error: printable ASCII, at most 120 characters. */
const safe = (path: string) => path.replace(/[^\x21-\x7e]/g, "?").slice(0, 120);

async function serveTile(c: Context<ServerEnv>): Promise<Response> {
  const session = c.get("session");
  const path = c.req.param("path") ?? "";
  if (path === "checkpoint") {
    const note = await session.checkpoint({ stored: true });
    c.header("Cache-Control", "no-cache");
    return c.text(note, 200, { "Content-Type": "text/plain; charset=utf-8" });
  }
  const tile = parseTilePath(path);
  let cache = subtreeCache.get(session);
  if (!cache) {
    cache = new Map();
    subtreeCache.set(session, cache);
  }
  const found = cache;
  const bytes = tile
    ? await session.store.ledger.read((tx) => tileBytes(ledgerLogSource(tx), found, tile))
    : undefined;
  if (!(tile && bytes)) throw notFound(path, await session.ledger().size());
  c.header("Cache-Control", tile.width === TILE_WIDTH && tile.level !== "entries" ? IMMUTABLE : SHORT);
  c.header("Content-Type", "application/octet-stream");
  return c.body(new Uint8Array(bytes), 200);
}

/** Registers GET /v1/tiles/{path}: documented as one route, served by a wildcard (a tile path has slashes). */
export function registerTiles(app: ServerApp): void {
  const { middleware: _, ...doc } = guarded(TILE_READERS, {
    method: "get",
    path: "/v1/tiles/{path}",
    summary:
      "The log as c2sp.org/tlog-tiles: hash tiles, entry bundles and the checkpoint, computed from the store",
    request: {
      params: z.object({
        path: z.string().openapi({
          example: "tile/0/000.p/12",
          description: "tile/<L>/<N>[.p/<W>], tile/entries/<N>[.p/<W>] or checkpoint",
        }),
      }),
    },
    responses: {
      200: {
        description: "the tile's bytes (application/octet-stream) or the checkpoint note (text/plain)",
        content: { "application/octet-stream": { schema: z.string().openapi({ format: "binary" }) } },
      },
      404: {
        description: "no such tile in the log",
        content: { "application/json": { schema: ErrorSchema } },
      },
    },
  });
  app.openAPIRegistry.registerPath(doc);
  app.get("/v1/tiles/:path{.+}", allow(TILE_READERS), serveTile);
}
