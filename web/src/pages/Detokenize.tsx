// detokenize (controller only): a form that sends an agreement's field and its tokens to POST /v1/detokenize, and
// the values the API answers, token by token. The page computes nothing: every value is the API's answer, which
// the server gives only after it has recorded the call (who, when, agreement, field, count) in the access log.
// The values live in this component's state alone: never in the query cache, storage, the URL or the console;
// they go when the form changes, when the page is left (unmount) or on "clear".
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, errorText } from "../api.js";
import { formatNumber } from "../i18n.js";
import type { WebDetokenized } from "../types.js";

/** The most tokens one call opens: the API's MAX_TOKENS (src/server/routes/detokenize.ts); a test compares them. */
export const MAX_TOKENS = 10_000;

interface Form {
  agreement: string;
  field: string;
  keyId: string;
  tokens: string;
}

interface Opened {
  agreement: string;
  field: string;
  tokens: string[];
  values: string[];
}

const EMPTY: Form = { agreement: "", field: "", keyId: "", tokens: "" };

/** The tokens of the box: one a line, trimmed, blank lines skipped. */
const tokensOf = (text: string): string[] =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "");

/** POST `body` as JSON with the tab's token, asking for errors in `lang`; the API's own message on a refusal. */
async function postJson<T>(token: string, path: string, body: unknown, lang: string, signal: AbortSignal) {
  const res = await fetch(new URL(path, location.origin), {
    method: "POST",
    headers: {
      Authorization: `Bearer ${token}`,
      "Accept-Language": lang,
      "Content-Type": "application/json",
    },
    body: JSON.stringify(body),
    cache: "no-store",
    signal,
  });
  const answer: unknown = await res.json().catch(() => undefined);
  if (!res.ok) throw new ApiError(errorText(answer, res.status), res.status);
  return answer as T;
}

export function Detokenize(props: { token: string }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [form, setForm] = useState<Form>(EMPTY);
  const [opened, setOpened] = useState<Opened | null>(null);
  // the API's message in the language it was asked in: shown only while that is still the page's language
  const [error, setError] = useState<{ message: string; lang: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const pending = useRef<AbortController | null>(null);
  const results = useRef<HTMLHeadingElement>(null);
  const lang = i18n.language;
  const n = (x: number) => formatNumber(x, lang);

  // leaving the page drops an answer still on its way
  useEffect(() => () => pending.current?.abort(), []);
  useEffect(() => {
    if (opened) results.current?.focus();
  }, [opened]);

  const tokens = tokensOf(form.tokens);
  const tooMany = tokens.length > MAX_TOKENS;
  const ready = form.agreement.trim() !== "" && form.field.trim() !== "" && tokens.length > 0 && !tooMany;

  /** Any change to the form forgets the values and the error, and drops an answer on its way. */
  const edit = (patch: Partial<Form>) => {
    pending.current?.abort();
    pending.current = null;
    setBusy(false);
    setOpened(null);
    setError(null);
    setForm((f) => ({ ...f, ...patch }));
  };

  const clear = () => {
    pending.current?.abort();
    pending.current = null;
    setBusy(false);
    setOpened(null);
    setError(null);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!ready || busy) return;
    pending.current?.abort();
    const controller = new AbortController();
    pending.current = controller;
    setBusy(true);
    setOpened(null);
    setError(null);
    const agreement = form.agreement.trim();
    const field = form.field.trim();
    const keyId = form.keyId.trim();
    try {
      const answer = await postJson<WebDetokenized>(
        props.token,
        "/v1/detokenize",
        { agreement, field, tokens, ...(keyId === "" ? {} : { key_id: keyId }) },
        lang,
        controller.signal,
      );
      if (pending.current !== controller) return;
      setOpened({ agreement, field, tokens, values: answer.values });
    } catch (err) {
      if (pending.current !== controller) return;
      setError({ message: err instanceof Error ? err.message : String(err), lang });
    } finally {
      if (pending.current === controller) {
        pending.current = null;
        setBusy(false);
      }
    }
  };

  const help = (name: string) => `${id}-${name}-help`;
  return (
    <>
      <h1>{t("web.detokenize.title")}</h1>
      <p>{t("web.detokenize.intro")}</p>
      <section aria-labelledby={`${id}-recorded`} className="card detok-notice" data-testid="recorded">
        <h2 id={`${id}-recorded`}>{t("web.detokenize.recorded_title")}</h2>
        <p>{t("web.detokenize.recorded")}</p>
        <p>{t("web.detokenize.shown_only")}</p>
      </section>
      <section aria-labelledby={`${id}-form`}>
        <h2 id={`${id}-form`}>{t("web.detokenize.form")}</h2>
        <form className="detok-form" onSubmit={submit} data-testid="detokenize-form" autoComplete="off">
          <label htmlFor={`${id}-agreement`}>{t("web.detokenize.agreement")}</label>
          <input
            id={`${id}-agreement`}
            name="agreement"
            required
            maxLength={200}
            spellCheck={false}
            aria-describedby={help("agreement")}
            value={form.agreement}
            onChange={(e) => edit({ agreement: e.target.value })}
          />
          <p id={help("agreement")} className="muted hint">
            {t("web.detokenize.agreement_help")}
          </p>
          <label htmlFor={`${id}-field`}>{t("web.detokenize.field")}</label>
          <input
            id={`${id}-field`}
            name="field"
            required
            maxLength={200}
            spellCheck={false}
            aria-describedby={help("field")}
            value={form.field}
            onChange={(e) => edit({ field: e.target.value })}
          />
          <p id={help("field")} className="muted hint">
            {t("web.detokenize.field_help")}
          </p>
          <label htmlFor={`${id}-key`}>{t("web.detokenize.key_id")}</label>
          <input
            id={`${id}-key`}
            name="key_id"
            maxLength={200}
            spellCheck={false}
            aria-describedby={help("key")}
            value={form.keyId}
            onChange={(e) => edit({ keyId: e.target.value })}
          />
          <p id={help("key")} className="muted hint">
            {t("web.detokenize.key_id_help")}
          </p>
          <label htmlFor={`${id}-tokens`}>{t("web.detokenize.tokens")}</label>
          <textarea
            id={`${id}-tokens`}
            name="tokens"
            required
            rows={8}
            spellCheck={false}
            autoCapitalize="off"
            autoCorrect="off"
            aria-describedby={`${help("tokens")} ${id}-count`}
            aria-invalid={tooMany}
            value={form.tokens}
            onChange={(e) => edit({ tokens: e.target.value })}
          />
          <p id={help("tokens")} className="muted hint">
            {t("web.detokenize.tokens_help", { max: n(MAX_TOKENS) })}
          </p>
          <p id={`${id}-count`} className={tooMany ? "warn" : "muted"} data-testid="token-count">
            {tooMany
              ? t("web.detokenize.too_many", { count: tokens.length, max: n(MAX_TOKENS) })
              : t("web.detokenize.count", { count: tokens.length, max: n(MAX_TOKENS) })}
          </p>
          <div className="actions">
            <button type="submit" disabled={!ready || busy} aria-busy={busy}>
              {busy ? t("web.detokenize.busy") : t("web.detokenize.submit")}
            </button>
            {opened && (
              <button type="button" className="secondary" onClick={clear}>
                {t("web.detokenize.clear")}
              </button>
            )}
          </div>
        </form>
      </section>
      {error && error.lang === lang && (
        <p role="alert" className="card bad" data-testid="detokenize-error">
          {t("web.detokenize.failed", { message: error.message })}
        </p>
      )}
      {opened && (
        <section aria-labelledby={`${id}-results`} data-testid="detokenized">
          <h2 id={`${id}-results`} ref={results} tabIndex={-1}>
            {t("web.detokenize.results")}
          </h2>
          <p role="status">{t("web.detokenize.opened", { count: opened.values.length })}</p>
          <div className="scroll">
            <table className="detok-table">
              <caption>
                {t("web.detokenize.caption", {
                  count: opened.values.length,
                  field: opened.field,
                  agreement: opened.agreement,
                })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t("web.detokenize.col_line")}</th>
                  <th scope="col">{t("web.detokenize.col_token")}</th>
                  <th scope="col">{t("web.detokenize.col_value")}</th>
                </tr>
              </thead>
              <tbody>
                {opened.values.map((value, i) => (
                  // a token may repeat: the row's place is its identity
                  // biome-ignore lint/suspicious/noArrayIndexKey: the rows are the answer's order and never move
                  <tr key={i}>
                    <td className="num">{n(i + 1)}</td>
                    <th scope="row" className="token">
                      {opened.tokens[i]}
                    </th>
                    <td className="value">{value}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </>
  );
}
