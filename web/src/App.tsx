// the console's shell: sign-in with an API token, the pages the token's role may see (the API decides the role),
// a language switch, and a path router under /app/.
import { type QueryClient, useQueryClient } from "@tanstack/react-query";
import { lazy, Suspense, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, apiQuery, dropToken, keepToken, takeToken, useApi } from "./api.js";
import { FIRST_READS } from "./early.js";
import { type Language, setLanguage } from "./i18n.js";
import { Overview } from "./pages/Overview.js";
import { Releases } from "./pages/Releases.js";
import type { WebWhoami } from "./types.js";

// the overview and the releases come with the shell (the first pages of most sign-ins); the others load when opened
const Agreements = lazy(() => import("./pages/Agreements.js").then((m) => ({ default: m.Agreements })));
const Consent = lazy(() => import("./pages/Consent.js").then((m) => ({ default: m.Consent })));
const Detokenize = lazy(() => import("./pages/Detokenize.js").then((m) => ({ default: m.Detokenize })));
const Ledger = lazy(() => import("./pages/Ledger.js").then((m) => ({ default: m.Ledger })));
const MyData = lazy(() => import("./pages/MyData.js").then((m) => ({ default: m.MyData })));

type Role = WebWhoami["role"];
type PageId = "overview" | "releases" | "agreements" | "ledger" | "consent" | "detokenize" | "my";

/** Which roles see each page: the same roles the API lets read what the page shows. */
const PAGES: { id: PageId; path: string; roles: readonly Role[] }[] = [
  { id: "overview", path: "/app/", roles: ["operator", "dpo", "regulator"] },
  { id: "releases", path: "/app/releases", roles: ["operator", "dpo", "regulator"] },
  { id: "agreements", path: "/app/agreements", roles: ["operator", "dpo", "regulator"] },
  { id: "ledger", path: "/app/ledger", roles: ["operator", "dpo", "regulator"] },
  // consent is about persons' choices, not the log: the regulator reads rates in the reports, not here
  { id: "consent", path: "/app/consent", roles: ["operator", "dpo"] },
  { id: "detokenize", path: "/app/detokenize", roles: ["controller"] },
  { id: "my", path: "/app/my", roles: ["subject"] },
];

/**
 * The first page's reads into the query cache, beside /v1/whoami (main.tsx sent them already for a tab opened with a
 * token; the sign-in form sends them here), then ECharts when the page draws with it (its own chunk), which loads while
 * they are answered: evaluated before them, it would hold the requests back.
 */
export function readAhead(client: QueryClient, token: string, lang: string): void {
  const path = location.pathname;
  for (const [p, q] of [["/v1/whoami", {}] as const, ...(FIRST_READS[path] ?? [])])
    void client.prefetchQuery(apiQuery(token, p, q, lang));
  if (!NO_ECHARTS.has(path)) void import("./components/echarts.js");
}

// the pages that draw nothing with ECharts (the overview draws its flow map itself; a subject's phone need not fetch it)
const NO_ECHARTS = new Set(["/app/", "/app/my", "/app/detokenize"]);

const LABEL: Record<PageId, `web.nav.${string}`> = {
  overview: "web.nav.overview",
  releases: "web.nav.releases",
  agreements: "web.nav.agreements",
  ledger: "web.nav.ledger",
  consent: "web.nav.consent",
  detokenize: "web.nav.detokenize",
  my: "web.nav.my_data",
};

function usePath(): [string, (path: string) => void] {
  const [path, setPath] = useState(location.pathname);
  useEffect(() => {
    const back = () => setPath(location.pathname);
    addEventListener("popstate", back);
    return () => removeEventListener("popstate", back);
  }, []);
  return [
    path,
    (to: string) => {
      history.pushState(null, "", to);
      setPath(to);
    },
  ];
}

export function App() {
  const [token, setToken] = useState<string | null>(() => takeToken());
  const client = useQueryClient();
  const { i18n } = useTranslation();
  if (token === null)
    return (
      <SignIn
        onToken={(t) => {
          keepToken(t);
          // as main.tsx does for a tab opened with a token
          readAhead(client, t, i18n.language);
          setToken(t);
        }}
      />
    );
  return (
    <Shell
      token={token}
      onSignOut={() => {
        dropToken();
        setToken(null);
      }}
    />
  );
}

function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <label className="lang">
      <span>{t("web.lang.label")}</span>
      <select
        value={i18n.language}
        onChange={(e) => setLanguage(e.target.value as Language)}
        data-testid="language"
      >
        <option value="ko">한국어</option>
        <option value="en">English</option>
      </select>
    </label>
  );
}

function SignIn(props: { onToken: (token: string) => void }) {
  const { t } = useTranslation();
  const [value, setValue] = useState("");
  return (
    <main id="main" className="signin">
      <header className="bar">
        <strong>{t("web.title")}</strong>
        <LanguageSwitch />
      </header>
      <h1>{t("web.login.title")}</h1>
      <p>{t("web.login.help")}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (value.trim() !== "") props.onToken(value.trim());
        }}
      >
        <label htmlFor="token">{t("web.login.token")}</label>
        <input
          id="token"
          type="password"
          autoComplete="off"
          value={value}
          onChange={(e) => setValue(e.target.value)}
        />
        <button type="submit">{t("web.login.submit")}</button>
      </form>
    </main>
  );
}

function Shell(props: { token: string; onSignOut: () => void }) {
  const { t } = useTranslation();
  const [path, go] = usePath();
  const who = useApi<WebWhoami>(props.token, "/v1/whoami");
  if (who.isPending) return <p className="state">{t("web.loading")}</p>;
  if (who.isError) {
    const refused = who.error instanceof ApiError && who.error.status === 401;
    return (
      <main id="main" className="signin">
        <p role="alert">{t(refused ? "web.login.refused" : "web.error", { message: who.error.message })}</p>
        <button type="button" onClick={props.onSignOut}>
          {t("web.sign_out")}
        </button>
      </main>
    );
  }
  const role = who.data.role;
  const pages = PAGES.filter((p) => p.roles.includes(role));
  // a page of another role (a regulator at /app/detokenize) is not allowed; an unknown path is the first page
  const page =
    pages.find((p) => p.path === path) ?? (PAGES.some((p) => p.path === path) ? undefined : pages[0]);
  return (
    <>
      <a className="skip" href="#main">
        {t("web.skip")}
      </a>
      <header className="bar">
        <strong>{t("web.title")}</strong>
        <nav aria-label={t("web.nav.label")}>
          <ul>
            {pages.map((p) => (
              <li key={p.id}>
                <a
                  href={p.path}
                  aria-current={p.id === page?.id ? "page" : undefined}
                  onClick={(e) => {
                    e.preventDefault();
                    go(p.path);
                  }}
                >
                  {t(LABEL[p.id])}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <span className="who" data-testid="who">
          {t("web.signed_in", { name: who.data.name ?? "", role: t(`web.role.${role}`) })}
        </span>
        <LanguageSwitch />
        <button type="button" onClick={props.onSignOut}>
          {t("web.sign_out")}
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<p className="state">{t("web.loading")}</p>}>
          {page?.id === "overview" && <Overview token={props.token} />}
          {page?.id === "releases" && <Releases token={props.token} />}
          {page?.id === "agreements" && <Agreements token={props.token} />}
          {page?.id === "ledger" && <Ledger token={props.token} />}
          {page?.id === "consent" && <Consent token={props.token} />}
          {page?.id === "detokenize" && <Detokenize token={props.token} />}
          {page?.id === "my" && <MyData token={props.token} />}
        </Suspense>
        {page === undefined && <p>{t("web.not_allowed")}</p>}
      </main>
    </>
  );
}
