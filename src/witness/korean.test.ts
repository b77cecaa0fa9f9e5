// the witness speaks Korean: human-readable HTTP bodies follow Accept-Language (else the process's language), the
// bodies clients parse (a 409's size, a 200's cosignature line) never change, the access log stays in the
// operator's language, and the folder's errors, the policy and a refusal's reason come from the catalogue.
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { tempDir } from "../../test/support/cli.js";
import { seedOf, TestLog } from "../../test/support/witness-log.js";
import { initWitness, openWitness } from "../app/witness.js";
import type { JikimiError } from "../errors.js";
import { requestLanguage, setLanguage, withLanguage } from "../i18n/index.js";
import { collectCosignatures } from "./client.js";
import { checkPolicy } from "./policy.js";
import { formatAddCheckpoint } from "./request.js";
import { listenWitness, witnessApp } from "./server.js";

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  setLanguage("en");
  for (const c of cleanups.splice(0)) await c();
});

async function setup() {
  const { dir, cleanup } = tempDir("jikimi-witness-ko-");
  await initWitness(join(dir, "w"), "witness.example/w1", seedOf("w1"));
  const state = await openWitness(join(dir, "w"));
  cleanups.push(async () => {
    await state.close();
    cleanup();
  });
  const log = new TestLog("ledger.example/a").grow(8);
  await state.addLog(log.origin, log.vkey);
  const lines: string[] = [];
  const app = witnessApp({ state, now: () => 1700000000, log: (l) => lines.push(l) });
  const post = async (body: string, language?: string) => {
    const res = await app.request("/add-checkpoint", {
      method: "POST",
      body,
      headers: language === undefined ? {} : { "Accept-Language": language },
    });
    return { status: res.status, type: res.headers.get("content-type") ?? "", text: await res.text() };
  };
  const add = (oldSize: number, size: number, l: TestLog = log, language?: string) =>
    post(formatAddCheckpoint({ oldSize, proof: l.proof(oldSize, size), note: l.note(size) }), language);
  return { dir, state, log, lines, app, post, add };
}

describe("the witness's HTTP answers", () => {
  it("answers a person's error in the language the request accepts, English without one", async () => {
    const { add } = await setup();
    const other = new TestLog("ledger.example/other").grow(3);
    expect(await add(0, 3, other, "ko-KR,ko;q=0.9,en;q=0.8")).toMatchObject({
      status: 404,
      text: "이 증인은 그 origin의 로그를 확인하지 않습니다\n",
    });
    expect(await add(0, 3, other)).toMatchObject({
      status: 404,
      text: "this witness does not witness that log's origin\n",
    });
  });

  it("explains a malformed request in Korean, status unchanged", async () => {
    const { post } = await setup();
    expect(await post("old 01\n\n", "ko")).toMatchObject({
      status: 400,
      text: '본문은 "old <크기>"와 줄바꿈으로 시작해야 합니다(10진수, 앞에 0 없음)\n',
    });
  });

  it("keeps the bodies clients parse exactly as the spec has them, in any language", async () => {
    const { add, log, state } = await setup();
    const ok = await add(0, 5, log, "ko");
    expect(ok.status).toBe(200);
    expect(ok.text).toMatch(/^\u2014 witness\.example\/w1 \S+\n$/);
    // the old size is no longer the latest: 409 with the latest size as text/x.tlog.size
    const stale = await add(0, 7, log, "ko");
    expect(stale).toEqual({ status: 409, type: "text/x.tlog.size", text: "5\n" });
    expect((await state.latest(log.origin))?.size).toBe(5);
  });

  it("speaks the process's language without Accept-Language, and a request's over it", async () => {
    setLanguage("ko");
    const { app } = await setup();
    const res = await app.request("/add-checkpoint", { method: "GET" });
    expect(res.status).toBe(405);
    expect(await res.text()).toBe("POST를 쓰세요\n");
    const en = await app.request("/elsewhere", { headers: { "Accept-Language": "en" } });
    expect(en.status).toBe(404);
    expect(await en.text()).toBe("not found: this witness serves POST /add-checkpoint\n");
  });

  it("writes the access log in the operator's language, whatever the request asks for", async () => {
    const { post, lines } = await setup();
    await post("nonsense", "ko");
    expect(lines).toEqual([expect.stringMatching(/^add-checkpoint malformed: 400 \(\d+\.\d ms\)$/)]);
  });

  it("reads Accept-Language by weight and ignores languages it does not speak", () => {
    expect(requestLanguage("ko-KR,ko;q=0.9,en;q=0.8")).toBe("ko");
    expect(requestLanguage("en;q=0.5, ko")).toBe("ko");
    expect(requestLanguage("fr, en-GB;q=0.3")).toBe("en");
    expect(requestLanguage("ko;q=0, fr")).toBeUndefined();
    expect(requestLanguage(undefined)).toBeUndefined();
  });
});

describe("the witness's folder, policy and refusals in Korean", () => {
  it("says in Korean how to make a missing witness, with the same code", async () => {
    const { dir, cleanup } = tempDir("jikimi-witness-ko-");
    cleanups.push(cleanup);
    const error = await withLanguage("ko", async () => {
      try {
        await openWitness(dir);
      } catch (e) {
        return e as JikimiError;
      }
    });
    expect(error?.code).toBe("witness_not_found");
    expect(error?.summary).toBe(`${dir}에 증인 키가 없습니다`);
    expect(error?.hint).toBe(`\`jikimi witness init --dir ${dir} --name <name>\`을 실행하세요`);
  });

  it("lists a policy's issues in Korean", () => {
    const issues = withLanguage("ko", () => checkPolicy({ witnesses: [], quorum: 1 }));
    expect(issues).toEqual([
      { code: "no_witness", path: "witnesses", message: "정책에는 증인이 하나 이상 있어야 합니다" },
    ]);
  });

  it("gives a witness's refusal in the log side's language", async () => {
    const { app, state } = await setup();
    const listening = await listenWitness(app, { host: "127.0.0.1", port: 0 });
    cleanups.unshift(() => listening.close());
    const stranger = new TestLog("ledger.example/stranger").grow(2);
    const policy = {
      witnesses: [{ name: "witness.example/w1", url: listening.url, vkey: state.cosigner.vkey }],
      quorum: 1,
    };
    const collected = await withLanguage("ko", () =>
      collectCosignatures(stranger.note(2), policy, (old) => stranger.proof(old, 2), new Map()),
    );
    expect(collected.met).toBe(false);
    expect(collected.failures).toEqual([
      {
        witness: "witness.example/w1",
        fork: false,
        reason:
          "이 증인은 이 로그(origin)를 확인하지 않습니다: 증인에 로그를 추가하세요(`jikimi witness add-log`)",
      },
    ]);
  });
});
