// verify's side checks run on a worker thread in the built package (dist/), which opens the store again from its
// locator: the worker writes its problems in the language of the verify that started it, not in its own default.
// Needs `npm run build` first.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import type * as I18n from "../src/i18n/index.js";
import type * as Side from "../src/ledger/verify/side.js";
import type { LedgerReads } from "../src/ports/ledger.js";
import { customers, release, type TestLedger, testLedger } from "./support/ledger.js";

const built = (path: string) => new URL(`../dist/${path}`, import.meta.url);

let t: TestLedger | undefined;
afterEach(async () => t?.cleanup());

// the caller's read: the worker must do the checks on its own connection, since any use of this one fails
const unusable = new Proxy({} as LedgerReads, {
  get: () => () => {
    throw new Error("the side checks ran on the caller's read, not on the worker");
  },
});

describe("verify's side worker", () => {
  it("reports a planted ledger_meta key in the caller's language", async () => {
    expect(existsSync(fileURLToPath(built("ledger/verify/side-worker.js"))), "run npm run build first").toBe(
      true,
    );
    // the built package's own catalogue and side checks: the worker is only found next to the built side.js
    const i18n = (await import(built("i18n/index.js").href)) as typeof I18n;
    const side = (await import(built("ledger/verify/side.js").href)) as typeof Side;
    t = testLedger();
    await t.ledger.append(release("credit-feed", "2024-05-01"), customers([1, 2, 3]));
    await t.ledger.append(release("credit-feed", "2024-05-02"), customers([2, 3, 4]));
    t.db.prepare("INSERT INTO ledger_meta (key, value) VALUES ('planted', 'x')").run();
    const steps = [
      { seq: 0, size: 3 },
      { seq: 1, size: 4 },
    ];
    const locator = t.state.locator;
    const ko = await i18n.withLanguage("ko", async () =>
      (await side.startSideChecks(unusable, steps, locator))(),
    );
    const en = await i18n.withLanguage("en", async () =>
      (await side.startSideChecks(unusable, steps, locator))(),
    );
    expect(ko.problems).toContainEqual(
      expect.objectContaining({
        kind: "meta_changed",
        message: 'ledger_meta에 알 수 없는 키 "planted"이(가) 있습니다',
      }),
    );
    expect(en.problems).toContainEqual(
      expect.objectContaining({
        kind: "meta_changed",
        message: 'ledger_meta holds an unknown key "planted"',
      }),
    );
    expect(ko.problems.map((p) => p.kind)).toEqual(en.problems.map((p) => p.kind));
    // the change rows come back from the worker, grouped by entry, as the checks on this thread read them: at entry
    // 1, one subject left and one joined
    const here = await t.state.ledger.read((tx) => side.sideChecks(tx, steps));
    expect(en.changes).toEqual(here.changes);
    expect(en.changes.get(1)).toHaveLength(2);
  });
});
