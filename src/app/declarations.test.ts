import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { keptDeclarations } from "./declarations.js";

const EXAMPLE = fileURLToPath(new URL("../../examples/nsf-case-corrected", import.meta.url));
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), "jikimi-declarations-"));
  dirs.push(dir);
  cpSync(EXAMPLE, dir, { recursive: true });
  return dir;
}

// a clock a minute ahead: the example's files count as settled
const later = () => Date.now() + 60_000;

describe("keptDeclarations", () => {
  it("keeps the declarations until a file they were read from changes", () => {
    const root = workspace();
    const declarations = keptDeclarations(root, later);
    const first = declarations();
    expect(declarations()).toBe(first);
    appendFileSync(join(root, "agreements", "nsf-credit-feed.yaml"), "# reviewed\n");
    const edited = declarations();
    expect(edited).not.toBe(first);
    expect(declarations()).toBe(edited);
  });

  it("reads a file added to a declarations folder, and refuses a broken one at once", () => {
    const root = workspace();
    const declarations = keptDeclarations(root, later);
    const first = declarations();
    const settlement = readFileSync(join(root, "purposes", "payment-settlement.yaml"), "utf8");
    writeFileSync(
      join(root, "purposes", "fraud-review.yaml"),
      settlement.replace("id: payment-settlement", "id: fraud-review"),
    );
    const added = declarations();
    expect(added).not.toBe(first);
    expect(added.workspace.purposes.has("fraud-review")).toBe(true);
    writeFileSync(join(root, "agreements", "nsf-credit-feed.yaml"), "id: [unclosed\n");
    expect(() => declarations()).toThrow(expect.objectContaining({ code: "workspace_invalid" }));
    expect(() => declarations()).toThrow(expect.objectContaining({ code: "workspace_invalid" }));
  });

  it("reads again on every call while a file is fresh from an edit", () => {
    const root = workspace();
    const declarations = keptDeclarations(root);
    appendFileSync(join(root, "jikimi.yaml"), "# edited just now\n");
    expect(declarations()).not.toBe(declarations());
  });
});
