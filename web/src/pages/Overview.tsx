// the overview: whether the log verifies, the period's totals, where the data went (a flow map from the controller
// through each country to each recipient, line width by people released), the open findings by severity and the
// latest holds. Every figure comes from the inspection report's data, which the server computes from bodies proven
// against the signed checkpoint; the findings from the last recorded check.
import { useQueryClient } from "@tanstack/react-query";
import { type ReactElement, useEffect, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, apiQuery, useApi } from "../api.js";
import { FlowMap } from "../components/FlowMap.js";
import type { FlowLink, FlowNode } from "../components/flow-layout.js";
import { formatNumber } from "../i18n.js";
import type { WebCheck, WebInspectionSummary } from "../types.js";

export function Overview(props: { token: string }) {
  const { t, i18n } = useTranslation();
  // the summary: the figures without the lists of releases (the releases page reads those)
  const report = useApi<WebInspectionSummary>(props.token, "/v1/reports/inspection", {
    format: "json",
    parts: "summary",
  });
  const workspace = useApi<{ controller: string }>(props.token, "/v1/workspace");
  const client = useQueryClient();
  const shown = report.isSuccess;
  // a second after the overview is shown, when the tab is idle, the releases page's data and ECharts are fetched ahead: opening
  // that page then draws at once (sooner, the fetch would compete with the overview's own drawing)
  useEffect(() => {
    if (!shown) return;
    const ahead = () => {
      void client.prefetchQuery(
        apiQuery(props.token, "/v1/reports/inspection", { format: "json" }, i18n.language),
      );
      // and the charts the other pages draw with (the overview draws none with ECharts)
      void import("../components/echarts.js");
    };
    let idle: number | undefined;
    const later = setTimeout(() => {
      if (typeof requestIdleCallback === "function") idle = requestIdleCallback(ahead, { timeout: 2000 });
      else ahead();
    }, 1000);
    return () => {
      clearTimeout(later);
      if (idle !== undefined) cancelIdleCallback(idle);
    };
  }, [shown, client, props.token, i18n.language]);
  const n = (x: number) => formatNumber(x, i18n.language);
  if (report.isPending) return <p className="state">{t("web.loading")}</p>;
  if (report.isError) return <p role="alert">{t("web.error", { message: report.error.message })}</p>;
  const d = report.data;
  const v = d.verification;
  const controller = workspace.data?.controller ?? "-";
  return (
    <>
      <h1>{t("web.overview.title")}</h1>
      <section
        aria-labelledby="verification"
        className={v.ok ? "card ok" : "card bad"}
        data-testid="verification"
      >
        <h2 id="verification">{t("web.overview.verification")}</h2>
        <p>
          {v.ok
            ? t("web.overview.verified", { size: v.size, signers: v.signed_by.join(", ") || "-" })
            : t("web.overview.not_verified", { size: v.size })}
        </p>
        <p className="muted">
          {v.cosigned_by.length > 0
            ? t("web.overview.cosigned", { witnesses: v.cosigned_by.join(", ") })
            : t("web.overview.no_witness")}{" "}
          · {v.origin} · {v.root.slice(0, 16)}…
        </p>
      </section>
      <section aria-labelledby="totals">
        <h2 id="totals">{t("web.overview.totals")}</h2>
        <dl className="figures" data-testid="totals">
          <Figure label={t("web.overview.releases")} value={n(d.totals.releases)} />
          <Figure label={t("web.overview.people")} value={n(d.totals.people)} />
          <Figure label={t("web.overview.records")} value={n(d.totals.records)} />
          <Figure label={t("web.overview.recipients")} value={n(d.totals.recipients)} />
          <Figure label={t("web.overview.countries")} value={n(d.totals.countries)} />
          <Figure label={t("web.overview.holds")} value={n(d.totals.holds)} alert={d.totals.holds > 0} />
          <Figure
            label={t("web.overview.anomalies")}
            value={n(d.totals.anomalies)}
            alert={d.totals.anomalies > 0}
          />
        </dl>
      </section>
      <Flows data={d} controller={controller} />
      <Findings token={props.token} />
      <section aria-labelledby="holds">
        <h2 id="holds">{t("web.overview.recent_holds")}</h2>
        {d.holds.length === 0 ? (
          <p>{t("web.overview.no_holds")}</p>
        ) : (
          <div className="scroll">
            <table data-testid="holds" className="lead-cells">
              <thead>
                <tr>
                  <th scope="col">{t("web.col.seq")}</th>
                  <th scope="col">{t("web.col.released_at")}</th>
                  <th scope="col">{t("web.col.agreement")}</th>
                  <th scope="col">{t("web.col.people")}</th>
                  <th scope="col">{t("web.col.reasons")}</th>
                </tr>
              </thead>
              <tbody>
                {d.holds
                  .slice(-5)
                  .reverse()
                  .map((h) => (
                    <tr key={h.seq}>
                      <td>{h.seq}</td>
                      <td>{h.released_at.slice(0, 16).replace("T", " ")}</td>
                      <td>{`${h.agreement.id} v${h.agreement.version}`}</td>
                      <td className="num">{n(h.people)}</td>
                      <td>{h.detail}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

function Figure(props: { label: string; value: string; alert?: boolean }) {
  return (
    <div className={props.alert ? "figure alert" : "figure"}>
      <dt>{props.label}</dt>
      <dd>{props.value}</dd>
    </div>
  );
}

/** Each recipient's words: its name, with its id where another recipient has the same name. */
function recipientLabels(rs: WebInspectionSummary["by_recipient"]): Map<string, string> {
  const count = new Map<string, number>();
  for (const r of rs) count.set(r.name, (count.get(r.name) ?? 0) + 1);
  return new Map(
    rs.map((r) => [r.recipient, (count.get(r.name) ?? 0) > 1 ? `${r.name} · ${r.recipient}` : r.name]),
  );
}

/** The flow map (controller -> country -> recipient, bands as wide as the people), and the same figures as a table. */
function Flows(props: { data: WebInspectionSummary; controller: string }) {
  const { t, i18n } = useTranslation();
  const { data, controller } = props;
  // a recipient's words: its name, and its id too where two recipients share a name (one company, two
  // declared recipients)
  const named = useMemo(() => recipientLabels(data.by_recipient), [data]);
  const { columns, links } = useMemo(() => {
    const countries = new Map<string, number>();
    for (const r of data.by_recipient) countries.set(r.country, (countries.get(r.country) ?? 0) + r.people);
    const total = data.by_recipient.reduce((s, r) => s + r.people, 0);
    // nodes are keyed apart from their words: a country code and a recipient id could be the same string
    const columns: FlowNode[][] = [
      [{ key: `o:${controller}`, label: controller, value: total }],
      [...countries].map(([c, people]) => ({ key: `c:${c}`, label: c, value: people })),
      // grouped by country, in the countries' order, so that bands of one country stay together
      [...countries.keys()].flatMap((c) =>
        data.by_recipient
          .filter((r) => r.country === c)
          .map((r) => ({
            key: `r:${r.recipient}`,
            label: named.get(r.recipient) ?? r.recipient,
            value: r.people,
          })),
      ),
    ];
    const links: FlowLink[] = [
      ...[...countries].map(([c, people]) => ({
        source: `o:${controller}`,
        target: `c:${c}`,
        value: people,
      })),
      ...data.by_recipient.map((r) => ({
        source: `c:${r.country}`,
        target: `r:${r.recipient}`,
        value: r.people,
      })),
    ];
    return { columns, links };
  }, [data, controller, named]);
  return (
    <section aria-labelledby="flows">
      <h2 id="flows">{t("web.overview.flows")}</h2>
      {data.by_recipient.length > 0 && (
        <FlowMap
          columns={columns}
          links={links}
          label={t("web.overview.flows_label", { controller })}
          height={260}
          format={(n) => formatNumber(n, i18n.language)}
          testId="flow-map"
        />
      )}
      <div className="scroll">
        <table data-testid="flows">
          <caption>{t("web.overview.flows_table")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("web.col.country")}</th>
              <th scope="col">{t("web.col.recipient")}</th>
              <th scope="col">{t("web.overview.releases")}</th>
              <th scope="col">{t("web.col.people")}</th>
            </tr>
          </thead>
          <tbody>
            {data.by_recipient.map((r) => (
              <tr key={r.recipient}>
                <td>{r.country}</td>
                <td>{named.get(r.recipient)}</td>
                <td className="num">{formatNumber(r.releases, i18n.language)}</td>
                <td className="num">{formatNumber(r.people, i18n.language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** Open findings of the last recorded check, by severity. */
function Findings(props: { token: string }) {
  const { t } = useTranslation();
  const check = useApi<WebCheck>(props.token, "/v1/checks/latest");
  let body: ReactElement;
  if (check.isPending) body = <p className="state">{t("web.loading")}</p>;
  else if (check.isError)
    body =
      check.error instanceof ApiError && check.error.status === 404 ? (
        <p>{t("web.overview.findings_never")}</p>
      ) : (
        <p role="alert">{t("web.error", { message: check.error.message })}</p>
      );
  else {
    const s = check.data.summary;
    body = (
      <>
        <dl className="figures" data-testid="findings">
          <Figure label={t("web.severity.error")} value={String(s.errors)} alert={s.errors > 0} />
          <Figure label={t("web.severity.warning")} value={String(s.warnings)} />
          <Figure label={t("web.severity.gap")} value={String(s.gaps)} />
        </dl>
        {s.errors + s.warnings + s.gaps === 0 && <p>{t("web.overview.findings_none")}</p>}
        <p className="muted">{t("web.overview.findings_at", { at: check.data.at })}</p>
      </>
    );
  }
  return (
    <section aria-labelledby="findings">
      <h2 id="findings">{t("web.overview.findings")}</h2>
      {body}
    </section>
  );
}
