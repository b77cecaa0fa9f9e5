// the dashboard's first script, small on purpose: it takes the tab's token and sends the first page's reads at once,
// while the browser is still fetching and compiling React, the catalogue and the pages (start.tsx). The answers wait
// here until the page's queries ask for them. A token arrives in the URL's fragment (#token=..., never sent to a
// server, removed at once) or from the sign-in form, and is kept in sessionStorage: it leaves with the tab.

const TOKEN = "jikimi.token";
const LANG = "jikimi.lang";

/** The token in the URL's fragment, taken into this tab; else the one the tab holds. */
export function takeToken(): string | null {
  const m = /(?:^#|&)token=([^&]+)/.exec(location.hash);
  if (m?.[1]) {
    sessionStorage.setItem(TOKEN, decodeURIComponent(m[1]));
    history.replaceState(null, "", location.pathname + location.search);
  }
  return sessionStorage.getItem(TOKEN);
}

export function keepToken(token: string): void {
  sessionStorage.setItem(TOKEN, token);
}

export function dropToken(): void {
  sessionStorage.removeItem(TOKEN);
}

export type Language = "ko" | "en";

/** The language to start in: the user's last choice, else the browser's first of ko/en, else Korean. */
export function startLanguage(): Language {
  const kept = localStorage.getItem(LANG);
  if (kept === "ko" || kept === "en") return kept;
  for (const l of navigator.languages ?? [navigator.language]) {
    const base = l.toLowerCase().slice(0, 2);
    if (base === "ko" || base === "en") return base;
  }
  return "ko";
}

export function keepLanguage(lang: Language): void {
  localStorage.setItem(LANG, lang);
}

/** An API error's message (the API words it in the asked language), or the status. */
export function errorText(error: unknown, status: number): string {
  const e = error as { error?: { message?: string } } | undefined;
  return e?.error?.message ?? `HTTP ${status}`;
}

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

type Answer = { ok: boolean; status: number; body: unknown };
type Read = readonly [path: string, query: Record<string, string>];

/** What a page reads first, asked for beside /v1/whoami instead of after it (a token of another role gets a 403 the
 * page never shows). Pages not listed read when drawn. */
export const FIRST_READS: Readonly<Record<string, readonly Read[]>> = {
  "/app/": [
    ["/v1/reports/inspection", { format: "json", parts: "summary" }],
    ["/v1/workspace", {}],
    ["/v1/checks/latest", {}],
  ],
  "/app/releases": [["/v1/reports/inspection", { format: "json" }]],
};

// answers asked for before the page asked, each taken once, by the same token, path, query and language
const early = new Map<string, Promise<Answer>>();
const keyOf = (token: string, path: string, query: Record<string, string>, lang: string) =>
  JSON.stringify([token, path, query, lang]);

async function send(
  token: string,
  path: string,
  query: Record<string, string>,
  lang: string,
): Promise<Answer> {
  const url = new URL(path, location.origin);
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  const res = await fetch(url, { headers: { Authorization: `Bearer ${token}`, "Accept-Language": lang } });
  return { ok: res.ok, status: res.status, body: await res.json().catch(() => undefined) };
}

/** Sends whoami and the first reads of the page at `pathname` now; their answers wait for getJson. */
export function readEarly(token: string, pathname: string, lang: string): void {
  for (const [path, query] of [["/v1/whoami", {}] as const, ...(FIRST_READS[pathname] ?? [])])
    early.set(keyOf(token, path, query, lang), send(token, path, query, lang));
}

/** GET `path` as JSON with the token (the answer read early when there is one); an error answer throws ApiError. */
export async function getJson<T>(
  token: string,
  path: string,
  query: Record<string, string>,
  lang: string,
): Promise<T> {
  const key = keyOf(token, path, query, lang);
  const pending = early.get(key);
  early.delete(key);
  const { ok, status, body } = await (pending ?? send(token, path, query, lang));
  if (!ok) throw new ApiError(errorText(body, status), status);
  return body as T;
}
