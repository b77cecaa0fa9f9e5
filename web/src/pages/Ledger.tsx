// the ledger page: the stored signed checkpoint with its signer and each configured witness's cosignature (GET
// /v1/ledger/checkpoint: the note opened on the server with the log's public keys, cosignatures verified with the
// witnesses' vkeys), the monitor's alerts (GET /v1/ledger/monitor: `ledger monitor`'s pass over the log's own tiles),
// the full verify run as a job (POST /v1/ledger/verify, then GET /v1/jobs/{id}: `ledger verify`'s report), and the
// files to check the log elsewhere. Downloads are fetched with the tab's token and handed over as blob URLs (a link
// cannot carry the Authorization header). The page computes no figure itself.
import { useQuery } from "@tanstack/react-query";
import { type ReactNode, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, errorText, useApi } from "../api.js";
import { formatNumber } from "../i18n.js";
import type {
  WebJob,
  WebLedgerCheckpoint,
  WebLedgerMonitor,
  WebLedgerProblem,
  WebLedgerVerify,
  WebWhoami,
} from "../types.js";

/** Fetches `path` with the tab's token in `lang`; the API's own message on a refusal. */
async function call(token: string, path: string, lang: string, init: RequestInit = {}): Promise<Response> {
  const res = await fetch(new URL(path, location.origin), {
    ...init,
    headers: { Authorization: `Bearer ${token}`, "Accept-Language": lang },
    cache: "no-store",
  });
  if (!res.ok) {
    const body: unknown = await res.json().catch(() => undefined);
    throw new ApiError(errorText(body, res.status), res.status);
  }
  return res;
}

/** Saves `path`'s answer as the file `name`, through a blob URL. */
async function download(token: string, path: string, name: string, lang: string): Promise<void> {
  const blob = await (await call(token, path, lang)).blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function Ledger(props: { token: string }) {
  const { t } = useTranslation();
  return (
    <>
      <h1>{t("web.ledger.title")}</h1>
      <Checkpoint token={props.token} />
      <Monitor token={props.token} />
      <Verify token={props.token} />
      <Downloads token={props.token} />
    </>
  );
}

function Checkpoint(props: { token: string }) {
  const { t, i18n } = useTranslation();
  const cp = useApi<WebLedgerCheckpoint>(props.token, "/v1/ledger/checkpoint");
  if (cp.isPending) return <p className="state">{t("web.loading")}</p>;
  if (cp.isError) return <p role="alert">{t("web.error", { message: cp.error.message })}</p>;
  const d = cp.data;
  const cosigned = d.witnesses.filter((w) => w.cosigned).length;
  const summary =
    d.witnesses.length === 0
      ? t("web.ledger.checkpoint_alone")
      : t(d.met ? "web.ledger.checkpoint_met" : "web.ledger.checkpoint_short", {
          cosigned,
          quorum: d.quorum,
        });
  return (
    <section aria-labelledby="ledger-checkpoint" className={d.met ? "card ok" : "card bad"}>
      <h2 id="ledger-checkpoint">{t("web.ledger.checkpoint")}</h2>
      <p>{summary}</p>
      <dl className="figures" data-testid="checkpoint">
        <div className="figure">
          <dt>{t("web.ledger.entries")}</dt>
          <dd data-testid="checkpoint-size">{formatNumber(d.size, i18n.language)}</dd>
        </div>
        <div className="figure">
          <dt>{t("web.ledger.origin")}</dt>
          <dd className="ledger-text">{d.origin}</dd>
        </div>
        <div className="figure">
          <dt>{t("web.ledger.signed_by")}</dt>
          <dd className="ledger-text">{d.signed_by.map((s) => `${s.name} (${s.key_id})`).join(", ")}</dd>
        </div>
        <div className="figure ledger-wide">
          <dt>{t("web.ledger.root")}</dt>
          <dd className="ledger-hash" data-testid="checkpoint-root">
            {d.root}
          </dd>
        </div>
      </dl>
      {d.witnesses.length === 0 ? (
        <p>{t("web.ledger.no_witnesses")}</p>
      ) : (
        <div className="scroll">
          <table data-testid="witnesses">
            <caption>
              {t("web.ledger.witnesses", { cosigned, count: d.witnesses.length, quorum: d.quorum })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("web.ledger.col.witness")}</th>
                <th scope="col">{t("web.ledger.col.key_id")}</th>
                <th scope="col">{t("web.ledger.col.cosigned")}</th>
                <th scope="col">{t("web.ledger.col.time")}</th>
              </tr>
            </thead>
            <tbody>
              {d.witnesses.map((w) => (
                <tr key={w.name} className={w.cosigned ? undefined : "flag"}>
                  <th scope="row">{w.name}</th>
                  <td className="ledger-mono">{w.key_id}</td>
                  <td>{t(w.cosigned ? "web.ledger.yes" : "web.ledger.no")}</td>
                  <td>{w.time ? w.time.slice(0, 19).replace("T", " ") : "-"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Problems(props: { problems: WebLedgerProblem[]; caption: string; testId: string }) {
  const { t } = useTranslation();
  return (
    <div className="scroll">
      <table data-testid={props.testId}>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("web.ledger.col.kind")}</th>
            <th scope="col">{t("web.ledger.col.entry")}</th>
            <th scope="col">{t("web.ledger.col.place")}</th>
            <th scope="col">{t("web.ledger.col.message")}</th>
          </tr>
        </thead>
        <tbody>
          {props.problems.map((p) => (
            <tr key={`${p.kind}-${p.seq ?? ""}-${p.place ?? ""}-${p.message}`}>
              <td>{p.kind}</td>
              <td className="num">{p.seq ?? "-"}</td>
              <td>{p.place ?? "-"}</td>
              <td>{p.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Monitor(props: { token: string }) {
  const { t } = useTranslation();
  const m = useApi<WebLedgerMonitor>(props.token, "/v1/ledger/monitor");
  let body: ReactNode;
  if (m.isPending) body = <p className="state">{t("web.loading")}</p>;
  else if (m.isError) body = <p role="alert">{t("web.error", { message: m.error.message })}</p>;
  else {
    const d = m.data;
    body = (
      <div className={d.ok ? "card ok" : "card bad"} data-testid="monitor">
        <p>
          {d.previous
            ? t("web.ledger.monitor_previous", { size: d.previous.size })
            : t("web.ledger.monitor_first")}
        </p>
        {d.ok ? (
          <p>
            <strong>{t("web.ledger.no_alerts")}</strong>{" "}
            {d.events.map((e) => `${t("web.ledger.ok_event")}: ${e.message}`).join(" ")}
          </p>
        ) : (
          <>
            <h3>{t("web.ledger.alerts")}</h3>
            <ul data-testid="alerts">
              {d.events.map((e) => (
                <li key={`${e.kind}-${e.message}`}>
                  <strong>{t("web.ledger.alert")}</strong> ({e.kind}): {e.message}
                </li>
              ))}
            </ul>
          </>
        )}
        {d.problems.length > 0 && (
          <Problems problems={d.problems} caption={t("web.ledger.problems")} testId="monitor-problems" />
        )}
      </div>
    );
  }
  return (
    <section aria-labelledby="ledger-monitor">
      <h2 id="ledger-monitor">{t("web.ledger.monitor")}</h2>
      <p className="muted">{t("web.ledger.monitor_help")}</p>
      {body}
    </section>
  );
}

function Verify(props: { token: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  // the job and the language it was started in: its messages are in that language, shown only while it is the page's
  const [job, setJob] = useState<{ id: string; lang: string } | null>(null);
  const [error, setError] = useState<{ message: string; lang: string } | null>(null);
  const [starting, setStarting] = useState(false);
  const view = useQuery({
    queryKey: ["/v1/jobs", job?.id],
    enabled: job !== null,
    refetchInterval: (q) => (q.state.data?.state === "running" ? 400 : false),
    queryFn: async (): Promise<WebJob<WebLedgerVerify>> =>
      (await call(props.token, `/v1/jobs/${job?.id ?? ""}`, job?.lang ?? lang)).json() as Promise<
        WebJob<WebLedgerVerify>
      >,
  });
  const run = async () => {
    setStarting(true);
    setError(null);
    setJob(null);
    try {
      const started = (await (
        await call(props.token, "/v1/ledger/verify", lang, { method: "POST" })
      ).json()) as {
        id: string;
      };
      setJob({ id: started.id, lang });
    } catch (e) {
      setError({ message: e instanceof Error ? e.message : String(e), lang });
    } finally {
      setStarting(false);
    }
  };
  const current = job?.lang === lang ? view.data : undefined;
  const running = starting || (job !== null && (view.isPending || current?.state === "running"));
  let outcome: ReactNode = null;
  if (error && error.lang === lang)
    outcome = <p role="alert">{t("web.ledger.verify_error", { message: error.message })}</p>;
  else if (view.isError && job?.lang === lang)
    outcome = <p role="alert">{t("web.ledger.verify_error", { message: view.error.message })}</p>;
  else if (current?.state === "failed")
    outcome = <p role="alert">{t("web.ledger.verify_error", { message: current.error?.message ?? "-" })}</p>;
  else if (current?.state === "done" && current.result) {
    const r = current.result;
    outcome = r.ok ? (
      <p className="card ok" data-testid="verify-result">
        {t("web.ledger.verify_ok", {
          size: formatNumber(r.size, lang),
          root: `${r.root.slice(0, 16)}…`,
          checked: formatNumber(r.receipts?.checked ?? 0, lang),
          total: formatNumber((r.receipts?.checked ?? 0) + (r.receipts?.unchecked ?? 0), lang),
          seconds: r.seconds.toFixed(2),
        })}
      </p>
    ) : (
      <div className="card bad" data-testid="verify-result">
        <p>{t("web.ledger.verify_failed", { count: r.problems.length, size: formatNumber(r.size, lang) })}</p>
        <Problems
          problems={r.problems}
          caption={t("web.ledger.verify_failed", { count: r.problems.length, size: r.size })}
          testId="verify-problems"
        />
      </div>
    );
  }
  return (
    <section aria-labelledby="ledger-verify">
      <h2 id="ledger-verify">{t("web.ledger.verify")}</h2>
      <p className="muted">{t("web.ledger.verify_help")}</p>
      <div className="actions">
        <button type="button" onClick={() => void run()} disabled={running} data-testid="run-verify">
          {t("web.ledger.run_verify")}
        </button>
      </div>
      <div aria-live="polite">
        {running && <p className="state">{t("web.ledger.verifying")}</p>}
        {!running && outcome}
      </div>
    </section>
  );
}

const REPORT_FORMATS = ["html", "pdf", "xlsx", "md", "json"] as const;

function Downloads(props: { token: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const id = useId();
  const who = useApi<WebWhoami>(props.token, "/v1/whoami");
  const [format, setFormat] = useState<(typeof REPORT_FORMATS)[number]>("html");
  const [error, setError] = useState<{ message: string; lang: string } | null>(null);
  // the tiles' readers, as the API's GET /v1/tiles and GET /v1/ledger/tiles.tar allow
  const readsTiles = who.data?.role === "dpo" || who.data?.role === "regulator";
  const get = (path: string, name: string) => {
    setError(null);
    download(props.token, path, name, lang).catch((e: unknown) =>
      setError({ message: e instanceof Error ? e.message : String(e), lang }),
    );
  };
  return (
    <section aria-labelledby="ledger-downloads">
      <h2 id="ledger-downloads">{t("web.ledger.downloads")}</h2>
      <p className="muted">{t("web.ledger.downloads_help")}</p>
      <div className="actions" data-testid="downloads">
        <button type="button" className="secondary" onClick={() => get("/v1/checkpoint", "checkpoint.note")}>
          {t("web.ledger.download_checkpoint")}
        </button>
        <button type="button" className="secondary" onClick={() => get("/v1/ledger/vkey", "log.vkey")}>
          {t("web.ledger.download_vkey")}
        </button>
        {readsTiles && (
          <button
            type="button"
            className="secondary"
            onClick={() => get("/v1/ledger/tiles.tar", "ledger-tiles.tar")}
            data-testid="download-tiles"
          >
            {t("web.ledger.download_tiles")}
          </button>
        )}
        <span className="ledger-report">
          <label htmlFor={`${id}-format`}>{t("web.ledger.report_format")}</label>
          <select
            id={`${id}-format`}
            value={format}
            onChange={(e) => setFormat(e.target.value as (typeof REPORT_FORMATS)[number])}
          >
            {REPORT_FORMATS.map((f) => (
              <option key={f} value={f}>
                {f}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="secondary"
            onClick={() =>
              get(`/v1/reports/inspection?format=${format}&lang=${lang}`, `inspection-report.${format}`)
            }
          >
            {t("web.ledger.download_report")}
          </button>
        </span>
      </div>
      {error && error.lang === lang && (
        <p role="alert">{t("web.ledger.download_failed", { message: error.message })}</p>
      )}
    </section>
  );
}
