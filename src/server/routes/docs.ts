// the API's interactive reference at /docs: Swagger UI served from the swagger-ui-dist package on this host (no
// CDN: the page works on a bank's closed network and under a strict Content-Security-Policy), reading
// /openapi.json.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { ServerApp } from "../app.js";

const ASSETS: Record<string, string> = {
  "swagger-ui.css": "text/css; charset=utf-8",
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
};

const PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Jikimi API</title><link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head>
<body><div id="api"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/assets/init.js"></script>
</body>
</html>
`;

const INIT = `window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#api", persistAuthorization: false });\n`;

/** GET /docs and its assets (no token: the document describes routes, not data). */
export function registerDocs(app: ServerApp): void {
  const folder = dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));
  const cache = new Map<string, Buffer>();
  app.get("/docs", (c) => c.html(PAGE));
  app.get("/docs/assets/init.js", (c) =>
    c.body(INIT, 200, { "Content-Type": "text/javascript; charset=utf-8" }),
  );
  app.get("/docs/assets/:name", (c) => {
    const name = c.req.param("name");
    const type = ASSETS[name];
    if (type === undefined) return c.notFound();
    let bytes = cache.get(name);
    if (!bytes) {
      bytes = readFileSync(join(folder, name));
      cache.set(name, bytes);
    }
    return c.body(new Uint8Array(bytes), 200, {
      "Content-Type": type,
      "Cache-Control": "public, max-age=86400",
    });
  });
}
