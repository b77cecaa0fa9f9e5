// one release in full: what was sent (fields and transforms, the manifest of files and the subject set's digest),
// the gates it passed or was released over, and its proof. The body is the stored entry (GET /v1/releases/{seq});
// this tab hashes it itself and folds the inclusion proof up to the signed checkpoint's root (proof.ts), so what
// it shows is the signed log's, not the server's word.
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { ApiError, errorText, useApi } from "../api.js";
import { formatNumber } from "../i18n.js";
import { leafHash, parseCheckpoint, rootFromInclusion } from "../proof.js";
import type { WebRelease } from "../types.js";

/** The parts of a stored release body (jikimi-ledger-entry/2) this page reads. */
interface EntryBody {
  fields: { name: string; transform: string; key_id?: string }[];
  files?: { name: string; bytes: number; sha256: string }[];
  subjects?: { count: number; digest: string; key_id: string };
  findings?: { code: string; severity: string; articles: string[] }[];
  overridden?: { code: string; measured: unknown; limit: unknown }[];
  operator: string;
  channel: string;
}

interface EntryView {
  seq: number;
  entry: (EntryBody & Record<string, unknown>) | null;
  pruned_at: string | null;
  leaf_hash: string;
}

interface Inclusion {
  leaf_hash: string;
  proof: string[];
}

type ProofState =
  | { state: "ok"; leaf: string; steps: number; size: number }
  | { state: "later"; size: number }
  | { state: "bad" };

const shown = (v: unknown) => (typeof v === "object" ? JSON.stringify(v) : String(v));

/** Checks the entry against the signed checkpoint in this tab. */
function useProof(token: string, view: EntryView | undefined) {
  return useQuery({
    queryKey: ["proof", view?.seq, view?.leaf_hash],
    enabled: view !== undefined,
    queryFn: async (): Promise<ProofState> => {
      const get = async (path: string) => {
        const res = await fetch(path, { headers: { Authorization: `Bearer ${token}` } });
        if (!res.ok)
          throw new ApiError(errorText(await res.json().catch(() => undefined), res.status), res.status);
        return res;
      };
      const v = view as EntryView;
      const checkpoint = parseCheckpoint(await (await get("/v1/checkpoint")).text());
      if (checkpoint === undefined) return { state: "bad" };
      if (v.seq >= checkpoint.size) return { state: "later", size: checkpoint.size };
      const p = (await (
        await get(`/v1/proofs/inclusion?seq=${v.seq}&size=${checkpoint.size}`)
      ).json()) as Inclusion;
      // a pruned body cannot be hashed again: its proof still places the stored leaf in the signed tree
      const leaf = v.entry === null ? v.leaf_hash : await leafHash(v.entry);
      const root = await rootFromInclusion(v.seq, checkpoint.size, leaf, p.proof);
      return leaf === v.leaf_hash && leaf === p.leaf_hash && root === checkpoint.root
        ? { state: "ok", leaf, steps: p.proof.length, size: checkpoint.size }
        : { state: "bad" };
    },
  });
}

export function ReleaseDetail(props: { token: string; release: WebRelease; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const r = props.release;
  const n = (x: number) => formatNumber(x, i18n.language);
  const stored = useApi<EntryView>(props.token, `/v1/releases/${r.seq}`);
  const proof = useProof(props.token, stored.data);
  const body = stored.data?.entry ?? null;
  return (
    <section aria-labelledby="detail" className="card" data-testid="detail">
      <h2 id="detail">{t("web.releases.detail", { seq: r.seq })}</h2>
      <p>
        {`${r.agreement.id} v${r.agreement.version} (${r.agreement.digest.slice(0, 12)}) → ${r.recipient.name} (${r.recipient.country})`}
      </p>
      <p>
        {t("web.col.basis")}: {r.legal_basis} · {t("web.col.purposes")}: {r.purposes.join(", ")}
      </p>
      <p>
        {t("web.detail.counts", {
          people: n(r.people),
          records: n(r.records),
          operator: body?.operator ?? "-",
          channel: body?.channel ?? "-",
        })}
      </p>
      <h3>{t("web.releases.fields")}</h3>
      <ul>
        {(body?.fields ?? r.fields).map((f) => (
          <li key={f.name}>
            <code>{f.name}</code>: {f.transform}
            {"key_id" in f && f.key_id ? ` (${f.key_id})` : ""}
          </li>
        ))}
      </ul>
      <p>
        {r.rows
          ? t("web.releases.rows", {
              read: n(r.rows.read),
              out_of_scope: n(r.rows.out_of_scope),
              no_consent: n(r.rows.no_consent),
              bad: n(r.rows.bad),
              released: n(r.rows.released),
            })
          : t("web.releases.no_rows")}
      </p>
      <h3>{t("web.detail.gates")}</h3>
      <ul data-testid="gates">
        <li>
          {r.anomalies.includes("outside_validity")
            ? t("web.detail.validity_bad")
            : t("web.detail.validity_ok")}
        </li>
        <li>
          {r.anomalies.includes("back_dated")
            ? t("web.detail.time_late", { at: r.released_at.slice(0, 16).replace("T", " ") })
            : r.anomalies.includes("before_previous")
              ? t("web.detail.time_before")
              : t("web.detail.time_ok")}
        </li>
        <li>
          {r.consent
            ? t("web.releases.consent", {
                purpose: r.consent.purpose,
                as_of: r.consent.as_of,
                count: n(r.consent.count),
              })
            : t("web.detail.no_consent_gate")}
        </li>
        <li>
          {body?.findings && body.findings.length > 0
            ? t("web.detail.findings", {
                list: body.findings
                  .map((f) => t("web.detail.finding", { code: f.code, articles: f.articles.join(", ") }))
                  .join("; "),
              })
            : t("web.detail.findings_none")}
        </li>
        {(body?.overridden ?? []).map((h) => (
          <li key={h.code} className="warn">
            {t("web.detail.overridden", { code: h.code, measured: shown(h.measured), limit: shown(h.limit) })}
          </li>
        ))}
      </ul>
      {r.override !== null && <p className="warn">{t("web.releases.override", { reason: r.override })}</p>}
      <h3>{t("web.detail.manifest")}</h3>
      {stored.data?.pruned_at ? (
        <p>{t("web.detail.pruned", { at: stored.data.pruned_at.slice(0, 10) })}</p>
      ) : (
        <>
          {body?.files && body.files.length > 0 ? (
            <ul data-testid="manifest">
              {body.files.map((f) => (
                <li key={f.name}>
                  {t("web.detail.file", { name: f.name, bytes: n(f.bytes), sha: f.sha256.slice(0, 16) })}
                </li>
              ))}
            </ul>
          ) : (
            <p>{t("web.detail.no_files")}</p>
          )}
          {body?.subjects && (
            <p>
              {t("web.detail.subjects", {
                count: n(body.subjects.count),
                digest: body.subjects.digest.slice(0, 16),
                key: body.subjects.key_id,
              })}
            </p>
          )}
        </>
      )}
      <h3>{t("web.detail.proof")}</h3>
      <p data-testid="proof" aria-live="polite" className={proof.data?.state === "bad" ? "warn" : undefined}>
        {stored.isError
          ? t("web.error", { message: stored.error.message })
          : proof.isError
            ? t("web.error", { message: proof.error.message })
            : proof.data === undefined
              ? t("web.detail.proof_pending")
              : proof.data.state === "ok"
                ? t("web.detail.proof_ok", {
                    leaf: proof.data.leaf.slice(0, 16),
                    steps: proof.data.steps,
                    size: n(proof.data.size),
                  })
                : proof.data.state === "later"
                  ? t("web.detail.proof_later", { size: n(proof.data.size) })
                  : t("web.detail.proof_bad")}
      </p>
      <button type="button" onClick={props.onClose}>
        {t("web.releases.close")}
      </button>
    </section>
  );
}
