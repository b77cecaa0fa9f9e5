// the OpenAPI document is the whole API: it validates as OpenAPI 3.1, names every /v1 route the app answers, and
// the committed copy (docs/openapi.json) and the typed client's types (src/client/schema.ts) are generated from it
// (`npm run openapi` rewrites both when a route changes).
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import { afterEach, describe, expect, it } from "vitest";
import { jikimiClient } from "../../src/client/index.js";
import { ROOT } from "../support/cli.js";
import { serverWorkspace } from "../support/server.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

interface Doc {
  openapi: string;
  paths: Record<string, Record<string, unknown>>;
}

describe("the OpenAPI document", () => {
  it("validates as OpenAPI 3.1 and holds every /v1 route the app serves", async () => {
    const s = await serverWorkspace(dirs);
    try {
      const doc = (await (await s.app.request("/openapi.json")).json()) as Doc;
      const result = await new Validator().validate(doc as unknown as Parameters<Validator["validate"]>[0]);
      expect(result.errors ?? []).toEqual([]);
      expect(result.valid).toBe(true);
      const served = s.app.routes
        .filter((r) => r.path.startsWith("/v1/") && r.method !== "ALL")
        .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:([A-Za-z_]+)(\{[^}]*\})?/g, "{$1}")}`);
      const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
        Object.keys(ops).map((method) => `${method} ${path}`),
      );
      expect(served.length).toBeGreaterThan(0);
      for (const route of served) expect(documented, route).toContain(route);
    } finally {
      await s.session.close();
    }
  });

  it("is committed as docs/openapi.json with the client's types generated from it", async () => {
    const s = await serverWorkspace(dirs);
    try {
      const doc = await (await s.app.request("/openapi.json")).json();
      const committed = JSON.parse(readFileSync(join(ROOT, "docs", "openapi.json"), "utf8"));
      expect(committed, "docs/openapi.json is stale: run `npm run openapi`").toEqual(doc);
      const { clientTypes } = await import("../../scripts/openapi.mjs");
      const types = await clientTypes(doc);
      expect(readFileSync(join(ROOT, "src", "client", "schema.ts"), "utf8"), "run `npm run openapi`").toBe(
        types,
      );
    } finally {
      await s.session.close();
    }
  });

  it("the typed client reaches the app with its token and reads errors as data", async () => {
    const s = await serverWorkspace(dirs);
    try {
      const fetch = (request: Request) => Promise.resolve(s.app.request(request));
      const api = jikimiClient({ baseUrl: "http://jikimi.test", token: s.tokens.regulator, fetch });
      const { data, response } = await api.GET("/v1/whoami");
      expect(response.status).toBe(200);
      expect(data).toMatchObject({ kind: "token", role: "regulator" });
      const stranger = jikimiClient({
        baseUrl: "http://jikimi.test",
        token: "jk_000000000000_x",
        language: "ko",
        fetch,
      });
      const denied = await stranger.GET("/v1/whoami");
      expect(denied.response.status).toBe(401);
      expect(JSON.stringify(denied.error)).toContain("unauthenticated");
    } finally {
      await s.session.close();
    }
  });
});
