// a ledger write the store could not make becomes ledger_write_failed naming the store; anything else passes through.
import { describe, expect, it } from "vitest";
import { JikimiError } from "../../errors.js";
import { storeFailureCode, writeOrExplain } from "./store-failure.js";

describe("ledger write failures", () => {
  it("are told by the store's codes only: a driver's raw error is the store's to translate", () => {
    expect(storeFailureCode(new JikimiError("store_write_failed", "x"))).toBe("store_write_failed");
    const full = Object.assign(new Error("disk full"), { code: "SQLITE_FULL" });
    expect(storeFailureCode(new JikimiError("store_write_failed", "x", { cause: full }))).toBe("SQLITE_FULL");
    expect(storeFailureCode(new JikimiError("store_connection_lost", "x"))).toBe("store_connection_lost");
    expect(storeFailureCode(Object.assign(new Error("io"), { code: "SQLITE_IOERR_WRITE" }))).toBeUndefined();
    expect(storeFailureCode(new JikimiError("bad_release", "x"))).toBeUndefined();
    expect(storeFailureCode(new Error("other"))).toBeUndefined();
  });

  it("end in one clear error naming the store, with the failure as its cause", async () => {
    const lost = new JikimiError("store_connection_lost", "gone");
    const e = await writeOrExplain("/ws/.jikimi/state.db", () => Promise.reject(lost)).catch(
      (x: unknown) => x,
    );
    expect(e).toMatchObject({ code: "ledger_write_failed", cause: lost });
    expect((e as Error).message).toContain("/ws/.jikimi/state.db");
    const other = new Error("other");
    await expect(writeOrExplain(undefined, () => Promise.reject(other))).rejects.toBe(other);
    await expect(writeOrExplain(undefined, () => 7)).resolves.toBe(7);
  });
});
