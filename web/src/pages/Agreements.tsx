// the agreements page: pick a declared agreement and see its declaration now (recipient, basis, purposes, fields and
// their transform, validity against today), what the last recorded check found about it with the articles, the
// versions the ledger recorded with a diff of two of them, and its volumes against the declared limits. All of it
// comes from GET /v1/agreements/{id}/history: the declaration from the workspace's files, the findings from the
// recorded check run, the versions, diff and volumes from release bodies the server proved against the signed
// checkpoint. The list of agreements is GET /v1/agreements.
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useApi } from "../api.js";
import type { WebAgreementHistory, WebAgreementList } from "../types.js";
import { AgreementVolume } from "./AgreementVolume.js";

type History = WebAgreementHistory;
const short = (digest: string) => digest.slice(0, 12);
const when = (iso: string) => iso.slice(0, 16).replace("T", " ");

export function Agreements(props: { token: string }) {
  const { t } = useTranslation();
  const list = useApi<WebAgreementList>(props.token, "/v1/agreements");
  const [picked, setPicked] = useState<string | null>(null);
  if (list.isPending) return <p className="state">{t("web.loading")}</p>;
  if (list.isError) return <p role="alert">{t("web.error", { message: list.error.message })}</p>;
  const agreements = list.data.agreements;
  const id = picked ?? agreements[0]?.id;
  return (
    <>
      <h1>{t("web.agreements.title")}</h1>
      <p className="muted">{t("web.agreements.intro")}</p>
      {id === undefined ? (
        <p>{t("web.agreements.none")}</p>
      ) : (
        <>
          <label className="filter agreement-pick">
            <span>{t("web.agreements.pick")}</span>
            <select value={id} onChange={(e) => setPicked(e.target.value)} data-testid="agreement-pick">
              {agreements.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.title ? `${a.id} · ${a.title}` : a.id}
                </option>
              ))}
            </select>
          </label>
          {/* keyed by id: a newly picked agreement starts with its own default comparison */}
          <Agreement key={id} token={props.token} id={id} />
        </>
      )}
    </>
  );
}

function Agreement(props: { token: string; id: string }) {
  const { t } = useTranslation();
  const path = `/v1/agreements/${encodeURIComponent(props.id)}/history`;
  const history = useApi<History>(props.token, path);
  if (history.isPending) return <p className="state">{t("web.loading")}</p>;
  if (history.isError) return <p role="alert">{t("web.error", { message: history.error.message })}</p>;
  const h = history.data;
  const v = h.verification;
  return (
    <div data-testid="agreement" data-agreement={h.agreement}>
      <p className={v.ok ? "muted" : "card bad"} role={v.ok ? undefined : "alert"} data-testid="proof-note">
        {v.ok
          ? t("web.agreements.proven", { size: v.size, signers: v.signed_by.join(", ") || "-" })
          : t("web.agreements.not_proven", { size: v.size })}
      </p>
      <Declaration h={h} />
      <Findings h={h} />
      <Versions token={props.token} path={path} h={h} />
      <AgreementVolume h={h} />
    </div>
  );
}

function Declaration(props: { h: History }) {
  const { t } = useTranslation();
  const d = props.h.declaration;
  return (
    <section aria-labelledby="declaration">
      <h2 id="declaration">{t("web.agreements.declaration")}</h2>
      {d === null ? (
        <p>{t("web.agreements.not_declared")}</p>
      ) : (
        <>
          <dl className="terms" data-testid="declaration">
            {d.title && <Term label={t("web.agreements.name")} value={d.title} />}
            <Term label={t("web.agreements.version")} value={`v${d.version} · ${short(d.digest)}`} />
            <Term label={t("web.col.recipient")} value={`${d.recipient.name} (${d.recipient.country})`} />
            <Term label={t("web.col.basis")} value={d.legal_basis} />
            <Term label={t("web.col.purposes")} value={d.purposes.join(", ")} />
            {d.consent_purpose && (
              <Term label={t("web.agreements.consent_purpose")} value={d.consent_purpose} />
            )}
            {d.cross_border && <Term label={t("web.agreements.cross_border")} value={d.cross_border} />}
            <Term
              label={t("web.agreements.validity")}
              value={
                d.valid.until === null
                  ? t("web.agreements.valid_open", { from: d.valid.from })
                  : t("web.agreements.valid_range", { from: d.valid.from, until: d.valid.until })
              }
              note={
                d.valid.in_force
                  ? t("web.agreements.in_force", { today: props.h.today })
                  : t("web.agreements.not_in_force", { today: props.h.today })
              }
              alert={!d.valid.in_force}
              testId="validity"
            />
          </dl>
          <p className="muted">
            {t(d.released ? "web.agreements.released_yes" : "web.agreements.released_no")}
          </p>
          <div className="scroll">
            <table data-testid="fields">
              <caption>{t("web.agreements.fields")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("web.agreements.col_field")}</th>
                  <th scope="col">{t("web.agreements.col_transform")}</th>
                </tr>
              </thead>
              <tbody>
                {d.fields.map((f) => (
                  <tr key={f.name}>
                    <th scope="row">{f.name}</th>
                    <td>{f.transform}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

function Term(props: { label: string; value: string; note?: string; alert?: boolean; testId?: string }) {
  return (
    <div data-testid={props.testId}>
      <dt>{props.label}</dt>
      <dd>
        {props.value}
        {props.note && <span className={props.alert ? "badge bad" : "badge ok"}>{props.note}</span>}
      </dd>
    </div>
  );
}

function Findings(props: { h: History }) {
  const { t } = useTranslation();
  const f = props.h.findings;
  const severity = (s: string) =>
    s === "error" || s === "warning" || s === "gap" ? t(`web.agreements.severity_${s}`) : s;
  return (
    <section aria-labelledby="agreement-findings">
      <h2 id="agreement-findings">{t("web.agreements.findings")}</h2>
      {f === null ? (
        <p>{t("web.overview.findings_never")}</p>
      ) : f.items.length === 0 ? (
        <p data-testid="findings-none">{t("web.agreements.findings_none", { at: f.checked_for })}</p>
      ) : (
        <div className="scroll">
          <table data-testid="agreement-findings">
            <caption>{t("web.agreements.findings_caption", { at: f.checked_for })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("web.agreements.col_severity")}</th>
                <th scope="col">{t("web.agreements.col_finding")}</th>
                <th scope="col">{t("web.agreements.col_articles")}</th>
              </tr>
            </thead>
            <tbody>
              {f.items.map((x) => (
                <tr
                  key={`${x.code} ${x.subject.kind} ${x.subject.id} ${x.message}`}
                  className={x.severity === "error" ? "flag" : undefined}
                >
                  <td>{severity(x.severity)}</td>
                  <td>
                    <strong>{x.title}</strong> <span className="muted">({x.code})</span>
                    <br />
                    {x.message}
                  </td>
                  <td>
                    {x.articles.map((a) => (
                      <span key={a.id} className="article" title={a.title}>
                        {a.citation}
                      </span>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Versions(props: { token: string; path: string; h: History }) {
  const { t } = useTranslation();
  const { h } = props;
  const first = h.diff?.from.digest ?? "";
  const last = h.diff?.to.digest ?? "";
  const [from, setFrom] = useState(first);
  const [to, setTo] = useState(last);
  // the pair asked for; null shows the server's default (the last two versions)
  const [asked, setAsked] = useState<{ from: string; to: string } | null>(null);
  const compared = useApi<History>(props.token, props.path, asked ?? {}, asked !== null);
  const diff = asked === null ? h.diff : compared.data?.diff;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setAsked({ from, to });
  };
  const option = (v: History["versions"][number]) => (
    <option key={v.digest} value={v.digest}>
      {t("web.agreements.version_option", { version: v.version, digest: short(v.digest) })}
    </option>
  );
  return (
    <section aria-labelledby="versions">
      <h2 id="versions">{t("web.agreements.versions")}</h2>
      {h.versions.length === 0 ? (
        <p>{t("web.agreements.versions_none")}</p>
      ) : (
        <>
          <div className="scroll">
            <table data-testid="versions">
              <caption>{t("web.agreements.versions_caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("web.agreements.version")}</th>
                  <th scope="col">{t("web.agreements.digest")}</th>
                  <th scope="col">{t("web.agreements.col_releases")}</th>
                  <th scope="col">{t("web.agreements.col_first")}</th>
                  <th scope="col">{t("web.agreements.col_last")}</th>
                  <th scope="col">{t("web.agreements.col_terms")}</th>
                </tr>
              </thead>
              <tbody>
                {h.versions.map((v) => (
                  <tr key={v.digest}>
                    <th scope="row">{`v${v.version}`}</th>
                    <td>
                      <code title={v.digest}>{short(v.digest)}</code>
                    </td>
                    <td className="num">{v.releases}</td>
                    <td>{when(v.first.released_at)}</td>
                    <td>{when(v.last.released_at)}</td>
                    <td>
                      {t("web.agreements.terms", {
                        recipient: v.terms.recipient.name,
                        country: v.terms.recipient.country,
                        basis: v.terms.legal_basis,
                        purposes: v.terms.purposes.join(", "),
                        fields: v.terms.fields.length,
                      })}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h3>{t("web.agreements.diff")}</h3>
          {h.versions.length === 1 && <p className="muted">{t("web.agreements.diff_single")}</p>}
          <form className="filter" onSubmit={submit} data-testid="diff-form">
            <label>
              <span>{t("web.agreements.diff_from")}</span>{" "}
              <select value={from} onChange={(e) => setFrom(e.target.value)} data-testid="diff-from">
                {h.versions.map(option)}
              </select>
            </label>
            <label>
              <span>{t("web.agreements.diff_to")}</span>{" "}
              <select value={to} onChange={(e) => setTo(e.target.value)} data-testid="diff-to">
                {h.versions.map(option)}
              </select>
            </label>
            <button type="submit">{t("web.agreements.compare")}</button>
          </form>
          {asked !== null && compared.isPending ? (
            <p className="state">{t("web.loading")}</p>
          ) : compared.isError ? (
            <p role="alert">{t("web.error", { message: compared.error.message })}</p>
          ) : (
            diff && <Diff diff={diff} />
          )}
        </>
      )}
    </section>
  );
}

function Diff(props: { diff: NonNullable<History["diff"]> }) {
  const { t } = useTranslation();
  const d = props.diff;
  const lines = [
    ...d.fields_added.map((f) => t("web.agreements.field_added", { field: f.name, transform: f.transform })),
    ...d.fields_removed.map((f) =>
      t("web.agreements.field_removed", { field: f.name, transform: f.transform }),
    ),
    ...d.transforms_changed.map((c) => t("web.agreements.transform_changed", { ...c })),
    ...d.purposes_added.map((purpose) => t("web.agreements.purpose_added", { purpose })),
    ...d.purposes_removed.map((purpose) => t("web.agreements.purpose_removed", { purpose })),
    ...(d.legal_basis ? [t("web.agreements.basis_changed", { ...d.legal_basis })] : []),
    ...(d.recipient
      ? [
          t("web.agreements.recipient_changed", {
            from: `${d.recipient.from.name} (${d.recipient.from.country})`,
            to: `${d.recipient.to.name} (${d.recipient.to.country})`,
          }),
        ]
      : []),
  ];
  return (
    <div className="card" data-testid="diff" aria-live="polite">
      <p>
        <strong>
          {t("web.agreements.diff_title", {
            from: d.from.version,
            from_digest: short(d.from.digest),
            to: d.to.version,
            to_digest: short(d.to.digest),
          })}
        </strong>
      </p>
      {lines.length === 0 ? (
        <p data-testid="diff-same">{t("web.agreements.diff_same")}</p>
      ) : (
        <ul data-testid="diff-lines">
          {lines.map((l) => (
            <li key={l}>{l}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
