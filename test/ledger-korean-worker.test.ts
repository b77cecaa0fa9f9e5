// verify's side checks run on a worker thread in the built package (dist/): the worker writes its problems in the
// language of the verify that started it, not in its own default. Needs `npm run build` first.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import type * as I18n from "../src/i18n/index.js";
import type * as Side from "../src/ledger/verify/side.js";
import { customers, release, type TestLedger, testLedger } from "./support/ledger.js";

const built = (path: string) => new URL(`../dist/${path}`, import.meta.url);

let t: TestLedger | undefined;
afterEach(() => t?.cleanup());

describe("verify's side worker", () => {
  it("reports a planted ledger_meta key in the caller's language", async () => {
    expect(existsSync(fileURLToPath(built("ledger/verify/side-worker.js"))), "run npm run build first").toBe(
      true,
    );
    // the built package's own catalogue and side checks: the worker is only found next to the built side.js
    const i18n = (await import(built("i18n/index.js").href)) as typeof I18n;
    const side = (await import(built("ledger/verify/side.js").href)) as typeof Side;
    t = testLedger();
    t.ledger.append(release("credit-feed", "2024-05-01"), customers([1, 2, 3]));
    const db = t.store.db;
    expect(db.memory).toBe(false);
    db.prepare("INSERT INTO ledger_meta (key, value) VALUES ('planted', 'x')").run();
    const steps = [{ seq: 0, size: 3 }];
    const ko = i18n.withLanguage("ko", () => side.startSideChecks(db, steps)());
    const en = i18n.withLanguage("en", () => side.startSideChecks(db, steps)());
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
  });
});
