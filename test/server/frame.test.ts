// the API's frame: authentication, roles, errors as data in the request's language, security headers, rate
// limits, the OpenAPI document, and request logs without tokens.
import { rmSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { issueToken } from "../../src/public/server.js";
import { serverWorkspace } from "../support/server.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("the API frame", () => {
  it("answers who a token stands for, and 401 the same way for a missing, wrong, expired or revoked token", async () => {
    const s = await serverWorkspace(dirs);
    try {
      const ok = await s.call("/v1/whoami", { as: "dpo" });
      expect(ok.status).toBe(200);
      expect(await ok.json()).toMatchObject({ kind: "token", role: "dpo", name: "test-dpo" });

      const expired = await issueToken(s.session.store.tokens, {
        name: "old",
        role: "operator",
        ttl: "10m",
        now: new Date(Date.now() - 3_600_000),
      });
      const revoked = await issueToken(s.session.store.tokens, { name: "gone", role: "operator", ttl: "1d" });
      await s.session.store.tokens.revoke(revoked.record.id, new Date().toISOString());
      const wrongSecret = `${s.tokens.dpo.slice(0, -4)}AAAA`;
      const bodies = new Set<string>();
      for (const bearer of [undefined, "nonsense", wrongSecret, expired.token, revoked.token]) {
        const res = await s.call("/v1/whoami", bearer === undefined ? {} : { as: { bearer } });
        expect(res.status).toBe(401);
        expect(res.headers.get("www-authenticate")).toContain("Bearer");
        bodies.add(await res.text());
      }
      expect(bodies.size).toBe(1);
      expect(JSON.parse([...bodies][0] as string).error.code).toBe("unauthenticated");
    } finally {
      await s.session.close();
    }
  });

  it("speaks Korean when asked, sets security headers, and answers an unknown route with a 404 body", async () => {
    const s = await serverWorkspace(dirs);
    try {
      const res = await s.call("/v1/nothing-here", {
        as: "dpo",
        headers: { "accept-language": "ko-KR,ko;q=0.9" },
      });
      expect(res.status).toBe(404);
      const body = (await res.json()) as { error: { code: string; message: string; hint: string } };
      expect(body.error.code).toBe("route_not_found");
      expect(body.error.message).toMatch(/[가-힣]/);
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("x-request-id")).toBeTruthy();
      expect(res.headers.get("access-control-allow-origin")).toBeNull();
    } finally {
      await s.session.close();
    }
  });

  it("limits requests per token, and another token keeps its own budget", async () => {
    const s = await serverWorkspace(dirs, { server: { rateLimit: 3 } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await s.call("/v1/whoami", { as: "operator" })).status);
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      const limited = await s.call("/v1/whoami", { as: "operator" });
      expect(((await limited.json()) as { error: { code: string } }).error.code).toBe("rate_limited");
      expect((await s.call("/v1/whoami", { as: "dpo" })).status).toBe(200);
    } finally {
      await s.session.close();
    }
  });

  it("refuses a JSON body over the limit with 413", async () => {
    const s = await serverWorkspace(dirs, { server: { maxBodyBytes: 1024 } });
    try {
      const res = await s.call("/v1/whoami", {
        as: "operator",
        method: "POST",
        body: "x".repeat(4096),
        headers: { "content-type": "application/json" },
      });
      expect(res.status).toBe(413);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("body_too_large");
    } finally {
      await s.session.close();
    }
  });

  it("publishes an OpenAPI 3.1 document naming each route's roles, and logs requests without tokens", async () => {
    const s = await serverWorkspace(dirs);
    try {
      const res = await s.app.request("/openapi.json");
      expect(res.status).toBe(200);
      const doc = (await res.json()) as {
        openapi: string;
        paths: Record<string, Record<string, { "x-jikimi-roles"?: string[] }>>;
      };
      expect(doc.openapi).toBe("3.1.0");
      expect(doc.paths["/v1/whoami"]?.get?.["x-jikimi-roles"]).toContain("subject");
      await s.call("/v1/whoami", { as: "controller" });
      const log = s.lines.join("");
      expect(log).toContain('"route":"/v1/whoami"');
      for (const token of Object.values(s.tokens)) {
        expect(log).not.toContain(token);
        expect(log).not.toContain(token.slice(16));
      }
      const docs = await s.app.request("/docs");
      expect(docs.status).toBe(200);
      expect(await docs.text()).toContain("/docs/assets/swagger-ui-bundle.js");
      expect((await s.app.request("/docs/assets/swagger-ui-bundle.js")).status).toBe(200);
    } finally {
      await s.session.close();
    }
  });

  it("answers a request that outlasts the time limit with 503 request_timeout", async () => {
    const s = await serverWorkspace(dirs, { server: { timeoutMs: 20 } });
    try {
      // a route that waits longer than the limit, behind the same middleware as every /v1 route
      s.app.get("/v1/test-slow", async (c) => {
        await new Promise((r) => setTimeout(r, 200));
        return c.text("late");
      });
      const res = await s.call("/v1/test-slow", { as: "dpo" });
      expect(res.status).toBe(503);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("request_timeout");
      expect((await s.call("/v1/whoami", { as: "dpo" })).status).toBe(200);
    } finally {
      await s.session.close();
    }
  });
});
