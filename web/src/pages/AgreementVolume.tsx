// the agreements page's volume section: the declared limits (max_subjects, max_growth, max_releases_per_day) against
// the released volumes the server measured from the proven release bodies (largest, latest, largest growth over the
// previous release, busiest UTC day), each marked within or over; and a chart of people per release with the held
// releases, the growth limit over each previous release and the people limit. A limit far above the releases puts
// the chart on a log scale, so both stay readable.
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Chart } from "../components/Chart.js";
import { formatNumber } from "../i18n.js";
import type { WebAgreementHistory, WebMeasured } from "../types.js";

const when = (iso: string) => iso.slice(0, 16).replace("T", " ");
const percent = (x: number) => `${x >= 0 ? "+" : ""}${(x * 100).toFixed(1)}%`;

export function AgreementVolume(props: { h: WebAgreementHistory }) {
  const { t, i18n } = useTranslation();
  const { h } = props;
  const lang = i18n.language;
  const n = (x: number) => formatNumber(x, lang);
  const { limits, actual } = h.volume;
  const option = useMemo(() => {
    const entries = [
      ...h.volume.releases.map((r) => ({ ...r, held: false })),
      ...h.volume.holds.map((x) => ({ ...x, records: 0, held: true })),
    ].sort((a, b) => a.seq - b.seq);
    if (entries.length === 0) return undefined;
    const most = Math.max(1, ...entries.map((e) => e.people));
    const log = limits.max_subjects !== null && limits.max_subjects > most * 10;
    // the growth limit a release faced: the previous release's people times (1 + max_growth)
    let previous: number | undefined;
    const ceiling = entries.map((e) => {
      const c =
        previous === undefined || limits.max_growth === null
          ? null
          : Math.floor(previous * (1 + limits.max_growth));
      if (!e.held) previous = e.people;
      return c;
    });
    return {
      tooltip: { trigger: "axis" },
      legend: { bottom: 0 },
      grid: { left: 64, right: 24, top: 32, bottom: 64 },
      xAxis: { type: "category", data: entries.map((e) => `#${e.seq} ${e.released_at.slice(0, 10)}`) },
      // the axis reaches the people limit, so its line is drawn
      yAxis: {
        type: log ? "log" : "value",
        min: log ? 1 : 0,
        ...(limits.max_subjects === null
          ? {}
          : {
              max: log
                ? 10 ** Math.ceil(Math.log10(limits.max_subjects * 1.5))
                : Math.ceil(Math.max(most, limits.max_subjects) * 1.1),
            }),
      },
      series: [
        {
          name: t("web.agreements.released_series"),
          type: "bar",
          itemStyle: { color: "#1d4ed8" },
          data: entries.map((e) => (e.held ? null : e.people)),
        },
        {
          name: t("web.agreements.held_series"),
          type: "scatter",
          symbol: "triangle",
          symbolSize: 14,
          itemStyle: { color: "#7c3aed" },
          data: entries.map((e) => (e.held && e.people > 0 ? e.people : null)),
        },
        // the people limit as a flat line (a series, not a mark line: the bundle's ECharts has no mark lines)
        ...(limits.max_subjects === null
          ? []
          : [
              {
                name: t("web.agreements.max_line", { max: formatNumber(limits.max_subjects, lang) }),
                type: "line",
                symbol: "none",
                itemStyle: { color: "#b91c1c" },
                lineStyle: { type: "dashed" },
                data: entries.map(() => limits.max_subjects),
              },
            ]),
        ...(limits.max_growth === null
          ? []
          : [
              {
                name: t("web.agreements.ceiling_series"),
                type: "line",
                step: "middle",
                connectNulls: true,
                itemStyle: { color: "#b45309" },
                lineStyle: { type: "dashed" },
                data: ceiling,
              },
            ]),
      ],
    };
  }, [h, limits, t, lang]);
  return (
    <section aria-labelledby="volume">
      <h2 id="volume">{t("web.agreements.volume")}</h2>
      <div className="scroll">
        <table data-testid="volume">
          <caption>{t("web.agreements.volume_caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("web.agreements.col_measure")}</th>
              <th scope="col">{t("web.agreements.col_actual")}</th>
              <th scope="col">{t("web.agreements.col_limit")}</th>
              <th scope="col">{t("web.agreements.col_status")}</th>
            </tr>
          </thead>
          <tbody>
            <Row
              id="largest"
              label={t("web.agreements.largest")}
              m={actual.largest}
              limit={limits.max_subjects}
              shown={(x) => n(x)}
              where={
                actual.largest &&
                t("web.agreements.at_entry", {
                  seq: actual.largest.seq,
                  at: when(actual.largest.released_at),
                })
              }
            />
            <Row
              id="latest"
              label={t("web.agreements.latest")}
              m={actual.latest}
              limit={limits.max_subjects}
              shown={(x) => n(x)}
              where={
                actual.latest &&
                t("web.agreements.at_entry", { seq: actual.latest.seq, at: when(actual.latest.released_at) })
              }
            />
            <Row
              id="growth"
              label={t("web.agreements.growth")}
              m={actual.growth}
              limit={limits.max_growth}
              shown={percent}
              where={
                actual.growth &&
                t("web.agreements.growth_at", {
                  seq: actual.growth.seq,
                  at: when(actual.growth.released_at),
                  previous: n(actual.growth.previous),
                  people: n(actual.growth.people),
                })
              }
            />
            <Row
              id="busiest"
              label={t("web.agreements.busiest")}
              m={actual.busiest_day}
              limit={limits.max_releases_per_day}
              shown={(x) => n(x)}
              where={actual.busiest_day?.day ?? null}
            />
          </tbody>
        </table>
      </div>
      {h.volume.holds.length > 0 && (
        <p className="warn" data-testid="holds">
          {t("web.agreements.holds", { count: h.volume.holds.length })}
        </p>
      )}
      {option && (
        <Chart
          option={option}
          label={t("web.agreements.chart_label", {
            agreement: h.agreement,
            max: limits.max_subjects === null ? "-" : n(limits.max_subjects),
          })}
          height={280}
          testId="volume-chart"
        />
      )}
    </section>
  );
}

/** One measure against its limit; `limit` overrides the measure's own when there is no release to measure. */
function Row(props: {
  id: string;
  label: string;
  m: WebMeasured | null;
  limit?: number | null;
  shown: (x: number) => string;
  where: string | null;
}) {
  const { t } = useTranslation();
  const { m } = props;
  const limit = m?.limit ?? props.limit ?? null;
  const status =
    m === null
      ? t("web.agreements.no_release")
      : m.within === null
        ? t("web.agreements.no_limit")
        : m.within
          ? t("web.agreements.within")
          : t("web.agreements.over");
  return (
    <tr data-testid={`volume-${props.id}`} className={m?.within === false ? "flag" : undefined}>
      <th scope="row">{props.label}</th>
      <td className="num" data-testid={`volume-${props.id}-value`}>
        {m === null ? "-" : props.shown(m.value)}
        {props.where && <span className="muted sub">{props.where}</span>}
      </td>
      <td className="num" data-testid={`volume-${props.id}-limit`}>
        {limit === null ? "-" : props.shown(limit)}
      </td>
      <td className={m?.within === false ? "over" : undefined}>{status}</td>
    </tr>
  );
}
