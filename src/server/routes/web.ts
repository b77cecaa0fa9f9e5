// the dashboard (web/, built by Vite into dist/web) under /app/: its files with a strict Content-Security-Policy
// (scripts and styles of this host only, no inline code, calls to this host only), gzip, hashed assets cached for
// a year and the page itself never; each file is read and gzipped once (not per request); any other path under /app/ is the page (the app routes in the browser). No
// token: the page holds no data, every figure comes from /v1 with the tab's own token.
import { existsSync, readFileSync } from "node:fs";
import { extname, join, normalize, sep } from "node:path";
import { gzipSync } from "node:zlib";
import { PACKAGE_ROOT } from "../../public/base.js";
import type { ServerApp } from "../app.js";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".json": "application/json",
  ".woff2": "font/woff2",
};

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** The built dashboard, dist/web in the package (the checkout's dist/web when the server runs from src/). */
function webFolder(): string | undefined {
  const dir = join(PACKAGE_ROOT, "dist", "web");
  return existsSync(join(dir, "index.html")) ? dir : undefined;
}

/** GET / (to the dashboard) and GET /app/*. */
export function registerWeb(app: ServerApp): void {
  const folder = webFolder();
  const files = new Map<string, { raw: Buffer; gzip: Buffer }>();
  const read = (path: string): { raw: Buffer; gzip: Buffer } | undefined => {
    if (folder === undefined) return undefined;
    let bytes = files.get(path);
    if (bytes === undefined) {
      const file = normalize(join(folder, path));
      if (!file.startsWith(folder.endsWith(sep) ? folder : `${folder}${sep}`) || !existsSync(file))
        return undefined;
      const raw = readFileSync(file);
      bytes = { raw, gzip: gzipSync(raw, { level: 9 }) };
      files.set(path, bytes);
    }
    return bytes;
  };
  app.get("/", (c) => c.redirect("/app/"));
  app.get("/app", (c) => c.redirect("/app/"));
  app.get("/app/*", (c) => {
    const rest = decodeURIComponent(c.req.path.slice("/app/".length));
    const asset = rest !== "" && extname(rest) !== "" ? read(rest) : undefined;
    const gzip = /\bgzip\b/.test(c.req.header("Accept-Encoding") ?? "");
    const headers: Record<string, string> = {
      "Content-Security-Policy": CSP,
      "X-Content-Type-Options": "nosniff",
      Vary: "Accept-Encoding",
      ...(gzip ? { "Content-Encoding": "gzip" } : {}),
    };
    const body = (file: { raw: Buffer; gzip: Buffer }) => new Uint8Array(gzip ? file.gzip : file.raw);
    if (asset !== undefined)
      return c.body(body(asset), 200, {
        ...headers,
        "Content-Type": TYPES[extname(rest)] ?? "application/octet-stream",
        "Cache-Control": rest.startsWith("assets/") ? "public, max-age=31536000, immutable" : "no-cache",
      });
    if (extname(rest) !== "") return c.notFound();
    const page = read("index.html");
    if (page === undefined)
      return c.text("the dashboard is not built: run npm run build\n", 404, { "Cache-Control": "no-store" });
    return c.body(body(page), 200, {
      ...headers,
      "Content-Type": TYPES[".html"] as string,
      "Cache-Control": "no-cache",
    });
  });
}
