// the consent page (operators and DPOs; see web/src/App.tsx): per purpose, the share of the population with consent
// in force over time, grants and withdrawals, and the recent withdrawals per day. Every figure comes from
// GET /v1/consent/summary, computed on the server from the consent chain it verified first and from release bodies
// proven against the signed checkpoint (src/app/consent-summary.ts says which figure comes from which). Counts only.
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useApi } from "../api.js";
import { Chart } from "../components/Chart.js";
import { formatNumber } from "../i18n.js";
import type { WebConsentPurpose, WebConsentSummary } from "../types.js";

/** Buckets shown in each purpose's table (the chart has them all). */
const LAST = 12;

export function Consent(props: { token: string }) {
  const { t, i18n } = useTranslation();
  const summary = useApi<WebConsentSummary>(props.token, "/v1/consent/summary");
  const n = (x: number) => formatNumber(x, i18n.language);
  const pct = (r: number | null) => (r === null ? "-" : `${(r * 100).toFixed(1)}%`);
  const d = summary.data;
  const unit = d ? t(`web.consent.unit_${d.unit}`) : "";
  const rates = useMemo(
    () => (d ? rateOption(d, (p) => t("web.consent.at_releases", { purpose: p })) : undefined),
    [d, t],
  );
  const withdrawals = useMemo(() => (d ? withdrawalOption(d) : undefined), [d]);
  if (summary.isPending) return <p className="state">{t("web.loading")}</p>;
  if (summary.isError) return <p role="alert">{t("web.error", { message: summary.error.message })}</p>;
  const s = summary.data;
  const withdrawn = s.purposes.reduce((sum, p) => sum + p.withdrawn, 0);
  return (
    <>
      <h1>{t("web.consent.title")}</h1>
      <p className="muted">{t("web.consent.intro")}</p>
      <section
        aria-label={t("web.consent.title")}
        className={s.chain.verified && s.ledger.verified ? "card ok" : "card bad"}
        data-testid="consent-verification"
      >
        <p>
          {s.chain.verified
            ? t("web.consent.chain_ok", { events: n(s.chain.events), head: s.chain.head.slice(0, 16) })
            : t("web.consent.chain_bad", { problems: n(s.chain.problems) })}
        </p>
        <p>
          {s.ledger.verified
            ? t("web.consent.ledger_ok", { size: n(s.ledger.size) })
            : t("web.consent.ledger_bad")}
        </p>
      </section>
      {s.purposes.length === 0 ? (
        <p>{t("web.consent.none")}</p>
      ) : (
        <>
          <section aria-labelledby="consent-purposes">
            <h2 id="consent-purposes">{t("web.consent.purposes")}</h2>
            <div className="scroll">
              <table data-testid="consent-purposes">
                <caption>{t("web.consent.purposes_caption")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("web.consent.col_purpose")}</th>
                    <th scope="col">{t("web.consent.col_in_force")}</th>
                    <th scope="col">{t("web.consent.col_granted")}</th>
                    <th scope="col">{t("web.consent.col_withdrawn")}</th>
                    <th scope="col">{t("web.consent.col_population")}</th>
                    <th scope="col">{t("web.consent.col_rate")}</th>
                    <th scope="col">{t("web.consent.col_last_release")}</th>
                  </tr>
                </thead>
                <tbody>
                  {s.purposes.map((p) => {
                    const last = p.releases.at(-1);
                    return (
                      <tr key={p.purpose} data-purpose={p.purpose}>
                        <th scope="row">{p.purpose}</th>
                        <td className="num" data-field="in_force">
                          {n(p.in_force)}
                        </td>
                        <td className="num" data-field="granted">
                          {n(p.granted)}
                        </td>
                        <td className="num" data-field="withdrawn">
                          {n(p.withdrawn)}
                        </td>
                        <td className="num" data-field="population">
                          {n(p.population.count)}{" "}
                          <span className="muted">
                            (
                            {p.population.source === "release_rows"
                              ? t("web.consent.source_release_rows", { seq: p.population.seq })
                              : t("web.consent.source_subject_dictionary")}
                            )
                          </span>
                        </td>
                        <td className="num" data-field="rate">
                          {pct(p.rate)}
                        </td>
                        <td className="num" data-field="last_release">
                          {last === undefined ? "-" : `${n(last.count)} (${pct(last.rate)})`}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </section>
          <section aria-labelledby="consent-rates">
            <h2 id="consent-rates">{t("web.consent.rates")}</h2>
            <p className="muted">
              {t("web.consent.buckets", { unit, from: s.from ?? "-", to: s.to ?? "-" })}
            </p>
            {rates && (
              <Chart option={rates} label={t("web.consent.rates_label", { unit })} testId="consent-rates" />
            )}
            {s.purposes.map((p) => (
              <Buckets key={p.purpose} purpose={p} unit={unit} />
            ))}
          </section>
          <section aria-labelledby="consent-withdrawals">
            <h2 id="consent-withdrawals">{t("web.consent.withdrawals")}</h2>
            {withdrawn === 0 ? (
              <p data-testid="no-withdrawals">{t("web.consent.no_withdrawals")}</p>
            ) : (
              withdrawals && (
                <Chart
                  option={withdrawals}
                  label={t("web.consent.withdrawals_label", { unit })}
                  height={240}
                  testId="consent-withdrawals"
                />
              )
            )}
            <h3>{t("web.consent.recent")}</h3>
            {s.recent_withdrawals.length === 0 ? (
              <p>{t("web.consent.no_withdrawals")}</p>
            ) : (
              <table data-testid="consent-recent">
                <caption>{t("web.consent.recent_caption")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("web.consent.col_day")}</th>
                    <th scope="col">{t("web.consent.col_purpose")}</th>
                    <th scope="col">{t("web.consent.col_count")}</th>
                  </tr>
                </thead>
                <tbody>
                  {s.recent_withdrawals.map((w) => (
                    <tr key={`${w.day} ${w.purpose}`}>
                      <td>{w.day}</td>
                      <td>{w.purpose}</td>
                      <td className="num">{n(w.count)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        </>
      )}
    </>
  );
}

/** A purpose's last buckets as a table: the chart's figures for a reader who cannot see it. */
function Buckets(props: { purpose: WebConsentPurpose; unit: string }) {
  const { t, i18n } = useTranslation();
  const n = (x: number) => formatNumber(x, i18n.language);
  const { purpose: p, unit } = props;
  const rows = p.series.slice(-LAST).reverse();
  return (
    <div className="scroll">
      <table data-testid="consent-buckets" data-purpose={p.purpose}>
        <caption>{t("web.consent.figures_caption", { purpose: p.purpose, unit })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("web.consent.col_start")}</th>
            <th scope="col">{t("web.consent.col_in_force")}</th>
            <th scope="col">{t("web.consent.col_granted")}</th>
            <th scope="col">{t("web.consent.col_withdrawn")}</th>
            <th scope="col">{t("web.consent.col_rate")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((b) => (
            <tr key={b.start}>
              <th scope="row">{b.start}</th>
              <td className="num">{n(b.in_force)}</td>
              <td className="num">{n(b.granted)}</td>
              <td className="num">{n(b.withdrawn)}</td>
              <td className="num">{b.rate === null ? "-" : `${(b.rate * 100).toFixed(1)}%`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The bucket of each release's as-of day, by index into the series. */
function bucketIndex(series: WebConsentPurpose["series"], day: string): number {
  return series.findIndex((b) => b.start <= day && day <= b.end);
}

/** Rate per purpose as lines (percent), each release's proven rate as points on them. */
function rateOption(d: WebConsentSummary, atReleases: (purpose: string) => string) {
  const starts = d.purposes[0]?.series.map((b) => b.start) ?? [];
  const pct = (r: number | null) => (r === null ? null : Math.round(r * 1000) / 10);
  return {
    tooltip: { trigger: "axis" },
    legend: { bottom: 0 },
    grid: { left: 48, right: 16, top: 24, bottom: 64 },
    xAxis: { type: "category", data: starts },
    yAxis: { type: "value", min: 0, max: 100, axisLabel: { formatter: "{value}%" } },
    series: d.purposes.flatMap((p) => [
      {
        name: p.purpose,
        type: "line",
        showSymbol: starts.length < 40,
        data: p.series.map((b) => pct(b.rate)),
      },
      {
        name: atReleases(p.purpose),
        type: "scatter",
        symbolSize: 7,
        data: p.releases
          .filter((r) => r.rate !== null)
          .map((r) => [bucketIndex(p.series, r.as_of.slice(0, 10)), pct(r.rate)])
          .filter(([i]) => (i as number) >= 0),
      },
    ]),
  };
}

/** Withdrawals per bucket, stacked by purpose. */
function withdrawalOption(d: WebConsentSummary) {
  return {
    tooltip: { trigger: "axis" },
    legend: { bottom: 0 },
    grid: { left: 48, right: 16, top: 16, bottom: 64 },
    xAxis: { type: "category", data: d.withdrawals.map((w) => w.start) },
    yAxis: { type: "value", minInterval: 1 },
    series: d.purposes.map((p) => ({
      name: p.purpose,
      type: "bar",
      stack: "withdrawals",
      data: p.series.map((b) => b.withdrawn),
    })),
  };
}
