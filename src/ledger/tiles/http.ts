// a published log read over http(s) with the global fetch: one GET per resource, a timeout per request, a cap on
// the bytes read, 404 and 410 as "not there", and every failure an error that names the URL.
import { statSync } from "node:fs";
import { JikimiError } from "../../errors.js";
import { t } from "../../i18n/index.js";
import { folderStore, type TileReader } from "./store.js";

export interface HttpReaderOptions {
  /** per request, default 30 s */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/**
 * Reads a log published under a URL prefix (c2sp.org/tlog-tiles: `<prefix>/checkpoint`, `<prefix>/tile/...`).
 * @example await httpReader("https://ledger.hanbitpay.example/nsf/").read("checkpoint", 1 << 16)
 */
export function httpReader(prefix: string, options: HttpReaderOptions = {}): TileReader {
  const base = prefix.endsWith("/") ? prefix : `${prefix}/`;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const get = options.fetch ?? fetch;
  const url = (path: string) => new URL(path, base).href;
  const failed = (where: string, e: unknown) => {
    const name = (e as Error)?.name;
    const why =
      name === "TimeoutError" || name === "AbortError"
        ? t("ledger.tiles.no_answer", { seconds: timeoutMs / 1000 })
        : `${(e as { cause?: { code?: string } })?.cause?.code ?? (e as Error)?.message ?? t("ledger.tiles.network_error")}`;
    return new JikimiError("tiles_unreachable", t("ledger.tiles.unreachable", { where, why }), { cause: e });
  };
  return {
    where: url,
    async read(path, limit) {
      const where = url(path);
      try {
        const res = await get(where, { signal: AbortSignal.timeout(timeoutMs), redirect: "follow" });
        if (res.status === 404 || res.status === 410) {
          await res.body?.cancel();
          return undefined;
        }
        if (!res.ok) {
          await res.body?.cancel();
          throw new JikimiError(
            "tiles_unreachable",
            t("ledger.tiles.http_status", { where, status: res.status, text: res.statusText }),
          );
        }
        const chunks: Uint8Array[] = [];
        let got = 0;
        if (res.body)
          for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
            chunks.push(chunk);
            got += chunk.length;
            // a longer answer than any resource can be is cut: the verifier reports it as malformed
            if (got > limit) break;
          }
        const out = Buffer.concat(chunks);
        return new Uint8Array(out.buffer, out.byteOffset, Math.min(out.length, limit + 1));
      } catch (e) {
        if (e instanceof JikimiError) throw e;
        throw failed(where, e);
      }
    },
  };
}

/**
 * A reader for a folder or an http(s) URL prefix.
 * @example openTiles("./public/ledger"); openTiles("https://ledger.hanbitpay.example/nsf")
 */
export function openTiles(location: string, options: HttpReaderOptions = {}): TileReader {
  if (/^https?:\/\//i.test(location)) return httpReader(location, options);
  let folder = false;
  try {
    folder = statSync(location).isDirectory();
  } catch {
    folder = false;
  }
  if (!folder)
    throw new JikimiError("tiles_not_found", t("ledger.tiles.not_found", { location }), {
      hint: t("ledger.tiles.not_found_hint"),
    });
  return folderStore(location);
}
