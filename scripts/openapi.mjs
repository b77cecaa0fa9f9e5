// writes the API's OpenAPI document (docs/openapi.json) and the typed client's types generated from it
// (src/client/schema.ts, by openapi-typescript). Run after changing a route: `npm run openapi`;
// test/server/openapi.test.ts fails while either is stale.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";

const root = fileURLToPath(new URL("..", import.meta.url));
const { openWorkspace } = await import(join(root, "dist", "index.js"));
const { createServer } = await import(join(root, "dist", "server", "index.js"));

/** The document as the server publishes it, read from a throwaway copy of examples/minimal. */
export async function apiDocument() {
  const dir = mkdtempSync(join(tmpdir(), "jikimi-openapi-"));
  try {
    const ws = join(dir, "ws");
    cpSync(join(root, "examples", "minimal"), ws, { recursive: true });
    const session = await openWorkspace({ root: ws, env: { JIKIMI_KEYRING: join(dir, "none.keyring") } });
    try {
      const res = await createServer({ session }).request("/openapi.json");
      return await res.json();
    } finally {
      await session.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The client's types for `doc`, as src/client/schema.ts holds them. */
export async function clientTypes(doc) {
  const ast = await openapiTS(doc);
  return `// generated from docs/openapi.json by scripts/openapi.mjs (openapi-typescript): do not edit\n${astToString(ast)}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const doc = await apiDocument();
  writeFileSync(join(root, "docs", "openapi.json"), `${JSON.stringify(doc, null, 2)}\n`);
  writeFileSync(join(root, "src", "client", "schema.ts"), await clientTypes(doc));
  process.stdout.write("wrote docs/openapi.json and src/client/schema.ts\n");
}
