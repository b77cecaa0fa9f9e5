// the releases: a timeline of people released per agreement per day with the holds and anomalies marked (a jump
// past the growth limit carries its ratio), a filterable table, and one release's detail (fields and transforms,
// row counts, consent, override). From the inspection report's data, proven on the server. The table shows a page
// of rows at a time (the filter runs over all of them): 2,300 rows drawn at once cost a second of layout.
import { useCallback, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useApi } from "../api.js";
import { Chart } from "../components/Chart.js";
import { formatNumber } from "../i18n.js";
import type { AnomalyCode, WebHold, WebInspection, WebRelease } from "../types.js";
import { ReleaseDetail } from "./ReleaseDetail.js";

const day = (iso: string) => iso.slice(0, 10);
const PAGE = 50;

/** A held release's growth against the previous release, when a growth limit held it. */
function heldGrowth(h: WebHold): number | undefined {
  const g = h.reasons.find((x) => x.code === "max_growth");
  return g?.subjects !== undefined && g.previous ? g.subjects / g.previous : undefined;
}

/** The ratio of a release's people to the previous release of its agreement (for the growth mark). */
function ratios(releases: readonly WebRelease[]): Map<number, number> {
  const last = new Map<string, WebRelease>();
  const out = new Map<number, number>();
  for (const r of releases) {
    const prev = last.get(r.agreement.id);
    if (prev && prev.people > 0) out.set(r.seq, r.people / prev.people);
    if (!prev || r.released_at >= prev.released_at) last.set(r.agreement.id, r);
  }
  return out;
}

export function Releases(props: { token: string }) {
  const { t, i18n } = useTranslation();
  const report = useApi<WebInspection>(props.token, "/v1/reports/inspection", { format: "json" });
  const [filter, setFilter] = useState("");
  const [open, setOpen] = useState<number | null>(null);
  const [page, setPage] = useState(0);
  const data = report.data;
  const ratio = useMemo(() => ratios(data?.releases ?? []), [data]);
  // `t` changes with the language: the marks' words follow it
  const anomalyLabel = useCallback(
    (code: AnomalyCode, seq: number) =>
      code === "growth"
        ? t("web.anomaly.growth", { ratio: (ratio.get(seq) ?? 0).toFixed(1) })
        : t(`web.anomaly.${code}`),
    [t, ratio],
  );
  const option = useMemo(() => {
    if (!data) return undefined;
    const days = [...new Set([...data.releases, ...data.holds].map((r) => day(r.released_at)))].sort();
    const agreements = [...new Set([...data.releases, ...data.holds].map((r) => r.agreement.id))].sort();
    const index = new Map(days.map((d, i) => [d, i]));
    const at = (d: string) => index.get(d) ?? -1;
    return {
      tooltip: { trigger: "axis" },
      legend: { bottom: 0 },
      grid: { left: 56, right: 16, top: 48, bottom: 64 },
      xAxis: { type: "category", data: days },
      yAxis: { type: "value" },
      dataZoom:
        days.length > 60
          ? [{ type: "slider", showDataShadow: false, start: Math.max(0, 100 - (60 / days.length) * 100) }]
          : [],
      series: agreements.flatMap((a) => {
        const mine = data.releases.filter((r) => r.agreement.id === a);
        const values = days.map(() => 0);
        for (const r of mine)
          values[at(day(r.released_at))] = (values[at(day(r.released_at))] ?? 0) + r.people;
        const marks = mine
          .filter((r) => r.anomalies.length > 0)
          .map((r) => ({
            coord: [at(day(r.released_at)), values[at(day(r.released_at))] ?? 0],
            value: r.anomalies.map((c) => anomalyLabel(c, r.seq)).join(", "),
            itemStyle: { color: r.anomalies.includes("growth") ? "#b91c1c" : "#b45309" },
          }));
        const held = data.holds.filter((h) => h.agreement.id === a);
        return [
          {
            name: a,
            type: "bar",
            data: values,
            markPoint: {
              symbol: "pin",
              symbolSize: 28,
              label: { position: "top", fontSize: 11, color: "#111827" },
              data: marks,
            },
          },
          ...(held.length > 0
            ? [
                {
                  name: t("web.releases.held_series", { agreement: a }),
                  type: "scatter",
                  symbol: "triangle",
                  symbolSize: 14,
                  itemStyle: { color: "#7c3aed" },
                  data: held.map((h) => {
                    const growth = heldGrowth(h);
                    const what =
                      growth === undefined
                        ? h.reasons.map((x) => x.code).join(", ")
                        : t("web.anomaly.growth", { ratio: growth.toFixed(1) });
                    return {
                      value: [at(day(h.released_at)), h.people],
                      label: {
                        show: true,
                        position: "top",
                        fontSize: 11,
                        color: "#5b21b6",
                        formatter: t("web.releases.held_mark", { what }),
                      },
                    };
                  }),
                },
              ]
            : []),
        ];
      }),
    };
  }, [data, anomalyLabel, t]);
  if (report.isPending) return <p className="state">{t("web.loading")}</p>;
  if (report.isError) return <p role="alert">{t("web.error", { message: report.error.message })}</p>;
  const d = report.data;
  const needle = filter.trim().toLowerCase();
  // newest first: the table's first page is the latest releases
  const shown = d.releases
    .filter(
      (r) =>
        needle === "" ||
        [r.agreement.id, r.recipient.name, r.recipient.id, r.recipient.country].some((x) =>
          x.toLowerCase().includes(needle),
        ),
    )
    .reverse();
  const n = (x: number) => formatNumber(x, i18n.language);
  const detail = open === null ? undefined : d.releases.find((r) => r.seq === open);
  const pages = Math.max(1, Math.ceil(shown.length / PAGE));
  const current = Math.min(page, pages - 1);
  const rows = shown.slice(current * PAGE, (current + 1) * PAGE);
  return (
    <>
      <h1>{t("web.releases.title")}</h1>
      {d.releases.length === 0 ? (
        <p>{t("web.releases.none")}</p>
      ) : (
        <section aria-labelledby="timeline">
          <h2 id="timeline">{t("web.releases.timeline")}</h2>
          {option && (
            <Chart
              option={option}
              label={t("web.releases.timeline_label", { count: d.releases.length })}
              testId="timeline"
            />
          )}
        </section>
      )}
      <section aria-labelledby="list">
        <h2 id="list">{t("web.releases.title")}</h2>
        <label className="filter">
          <span>{t("web.releases.filter")}</span>
          <input
            type="search"
            value={filter}
            onChange={(e) => {
              setFilter(e.target.value);
              setPage(0);
            }}
            data-testid="filter"
          />
        </label>
        <p className="muted" aria-live="polite">
          {t("web.releases.count", { shown: shown.length, total: d.releases.length })}
        </p>
        <div className="scroll">
          <table data-testid="releases">
            <thead>
              <tr>
                <th scope="col">{t("web.col.seq")}</th>
                <th scope="col">{t("web.col.released_at")}</th>
                <th scope="col">{t("web.col.agreement")}</th>
                <th scope="col">{t("web.col.recipient")}</th>
                <th scope="col">{t("web.col.people")}</th>
                <th scope="col">{t("web.col.records")}</th>
                <th scope="col">{t("web.col.notes")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.seq} className={r.anomalies.length > 0 ? "flag" : undefined}>
                  <td>
                    <button type="button" className="link" onClick={() => setOpen(r.seq)}>
                      {r.seq}
                    </button>
                  </td>
                  <td>{r.released_at.slice(0, 16).replace("T", " ")}</td>
                  <td>{`${r.agreement.id} v${r.agreement.version}`}</td>
                  <td>{`${r.recipient.name} (${r.recipient.country})`}</td>
                  <td className="num">{n(r.people)}</td>
                  <td className="num">{n(r.records)}</td>
                  <td>{r.anomalies.map((c) => anomalyLabel(c, r.seq)).join(", ")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {pages > 1 && (
          <nav className="pager" aria-label={t("web.releases.pages_label")}>
            <button type="button" disabled={current === 0} onClick={() => setPage(current - 1)}>
              {t("web.releases.prev")}
            </button>
            <span data-testid="page">{t("web.releases.page", { page: current + 1, pages })}</span>
            <button type="button" disabled={current >= pages - 1} onClick={() => setPage(current + 1)}>
              {t("web.releases.next")}
            </button>
          </nav>
        )}
      </section>
      {detail && <ReleaseDetail token={props.token} release={detail} onClose={() => setOpen(null)} />}
    </>
  );
}
