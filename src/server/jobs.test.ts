// the jobs of one worker among several: a job's id names the worker that runs it, and `find` asks another worker
// for ids that are not its own, with the caller, so the owner's rule (the same caller or a DPO) still decides.
import { describe, expect, it } from "vitest";
import type { Principal } from "../app/tokens.js";
import { apiError } from "./errors.js";
import { Jobs, type JobView } from "./jobs.js";

const operator: Principal = { kind: "token", id: "0123456789ab", name: "airflow", role: "operator" };
const other: Principal = { kind: "token", id: "ba9876543210", name: "cron", role: "operator" };

describe("Jobs across workers", () => {
  it("names its worker in each id and asks the owner for another worker's job", async () => {
    const asked: [number, string, Principal][] = [];
    const elsewhere: JobView = {
      id: `07${"ab".repeat(11)}`,
      kind: "scan",
      state: "running",
      created_at: "x",
    };
    const jobs = new Jobs({
      workers: {
        self: 3,
        remote: async (worker, id, who) => {
          asked.push([worker, id, who]);
          if (who !== operator) throw apiError("unknown_job");
          return elsewhere;
        },
      },
    });
    const mine = jobs.start("scan", operator, async () => ({ rows: 2 }));
    expect(mine.id).toMatch(/^03[0-9a-f]{22}$/);
    await jobs.settled(mine.id);
    expect(await jobs.find(mine.id, operator)).toMatchObject({ state: "done", result: { rows: 2 } });
    await expect(jobs.find(mine.id, other)).rejects.toMatchObject({ code: "unknown_job" });
    expect(asked).toEqual([]);

    expect(await jobs.find(elsewhere.id, operator)).toEqual(elsewhere);
    await expect(jobs.find(elsewhere.id, other)).rejects.toMatchObject({ code: "unknown_job" });
    expect(asked).toEqual([
      [7, elsewhere.id, operator],
      [7, elsewhere.id, other],
    ]);
  });

  it("keeps whole random ids in a single process", () => {
    const jobs = new Jobs({ maxRunning: 64 });
    const ids = Array.from({ length: 64 }, () => jobs.start("scan", operator, async () => 1).id);
    expect(new Set(ids.map((id) => id.slice(0, 2))).size).toBeGreaterThan(8);
  });
});
