// a person's own page: the releases of their information the log records, in plain words, with their receipt and
// statement to download. The API answers only for the person whose signed token this tab holds.
import { useTranslation } from "react-i18next";
import type { paths } from "../../../src/client/index.js";
import { useApi } from "../api.js";

type History = paths["/v1/subjects/me/history"]["get"]["responses"][200]["content"]["application/json"];

export function MyData(props: { token: string }) {
  const { t, i18n } = useTranslation();
  const history = useApi<History>(props.token, "/v1/subjects/me/history", { limit: "200" });
  if (history.isPending) return <p className="state">{t("web.loading")}</p>;
  if (history.isError) return <p role="alert">{t("web.error", { message: history.error.message })}</p>;
  const h = history.data;
  const download = async (path: string, name: string) => {
    const res = await fetch(path, {
      headers: { Authorization: `Bearer ${props.token}`, "Accept-Language": i18n.language },
    });
    const url = URL.createObjectURL(await res.blob());
    const a = document.createElement("a");
    a.href = url;
    a.download = name;
    a.click();
    URL.revokeObjectURL(url);
  };
  return (
    <>
      <h1>{t("web.my.title")}</h1>
      <p>{t("web.my.intro")}</p>
      <p data-testid="my-count">{h.count === 0 ? t("web.my.none") : t("web.my.count", { count: h.count })}</p>
      {h.groups.length > 0 && (
        <table data-testid="my-releases">
          <thead>
            <tr>
              <th scope="col">{t("web.col.recipient")}</th>
              <th scope="col">{t("web.col.country")}</th>
              <th scope="col">{t("web.col.purposes")}</th>
              <th scope="col">{t("web.releases.fields")}</th>
              <th scope="col">{t("web.col.released_at")}</th>
              <th scope="col">{t("web.overview.releases")}</th>
            </tr>
          </thead>
          <tbody>
            {h.groups.map((g) => (
              <tr key={`${g.agreement}-${g.first_seq}`}>
                <td>{g.recipient}</td>
                <td>{g.country}</td>
                <td>{g.purposes.join(", ")}</td>
                <td>{g.fields.join(", ")}</td>
                <td>{`${g.first_released_at.slice(0, 10)} ~ ${g.last_released_at.slice(0, 10)}`}</td>
                <td className="num">{g.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="actions">
        <button
          type="button"
          onClick={() => void download("/v1/subjects/me/receipts", "jikimi-receipt.json")}
        >
          {t("web.my.receipt")}
        </button>
        <button
          type="button"
          onClick={() =>
            void download(
              `/v1/subjects/me/statement?format=html&lang=${i18n.language}`,
              "jikimi-statement.html",
            )
          }
        >
          {t("web.my.statement")}
        </button>
      </p>
    </>
  );
}
