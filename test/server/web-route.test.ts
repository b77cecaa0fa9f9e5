// the dashboard's files under /app/: the page for any app path, hashed assets cached for a year, a strict policy on
// every answer, gzip when the browser takes it (the same bytes once inflated), nothing outside dist/web.
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { ROOT } from "../support/cli.js";
import { serverWorkspace } from "../support/server.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const built = existsSync(join(ROOT, "dist", "web", "index.html"));

describe.runIf(built)("GET /app/*", () => {
  it("answers the page and its assets, gzipped when asked, with the policy and cache rules", async () => {
    const { call, session } = await serverWorkspace(dirs);
    try {
      const page = await call("/app/releases", { headers: { "accept-encoding": "gzip, br" } });
      expect(page.status).toBe(200);
      expect(page.headers.get("content-encoding")).toBe("gzip");
      expect(page.headers.get("cache-control")).toBe("no-cache");
      expect(page.headers.get("content-security-policy")).toMatch(/script-src 'self'/);
      const html = gunzipSync(Buffer.from(await page.arrayBuffer())).toString("utf8");
      expect(html).toBe(readFileSync(join(ROOT, "dist", "web", "index.html"), "utf8"));
      const name = readdirSync(join(ROOT, "dist", "web", "assets")).find((f) => f.endsWith(".js")) as string;
      const plain = await call(`/app/assets/${name}`);
      expect(plain.headers.get("content-encoding")).toBeNull();
      expect(plain.headers.get("cache-control")).toMatch(/immutable/);
      expect(Buffer.from(await plain.arrayBuffer())).toEqual(
        readFileSync(join(ROOT, "dist", "web", "assets", name)),
      );
      expect((await call("/app/assets/none.js")).status).toBe(404);
      expect((await call("/app/..%2F..%2Fpackage.json")).status).toBe(404);
    } finally {
      await session.close();
    }
  });
});
