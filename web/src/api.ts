// the dashboard's access to the API: GET with the token of this tab, as TanStack queries. A token arrives in
// the URL's fragment (#token=..., never sent to a server, removed at once) or from the sign-in form, and is kept in
// sessionStorage: it leaves with the tab.
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";

const KEY = "jikimi.token";

/** The token in the URL's fragment, taken into this tab; else the one the tab holds. */
export function takeToken(): string | null {
  const m = /(?:^#|&)token=([^&]+)/.exec(location.hash);
  if (m?.[1]) {
    sessionStorage.setItem(KEY, decodeURIComponent(m[1]));
    history.replaceState(null, "", location.pathname + location.search);
  }
  return sessionStorage.getItem(KEY);
}

export function keepToken(token: string): void {
  sessionStorage.setItem(KEY, token);
}

export function dropToken(): void {
  sessionStorage.removeItem(KEY);
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

/** The query of GET `path` as JSON with the tab's token, keyed by path, query and language. */
export function apiQuery<T>(token: string, path: string, query: Record<string, string>, lang: string) {
  return {
    queryKey: [path, query, lang],
    queryFn: async (): Promise<T> => {
      const url = new URL(path, location.origin);
      for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
      const res = await fetch(url, {
        headers: { Authorization: `Bearer ${token}`, "Accept-Language": lang },
      });
      const body: unknown = await res.json().catch(() => undefined);
      if (!res.ok) throw new ApiError(errorText(body, res.status), res.status);
      return body as T;
    },
  };
}

/** GET `path` as JSON with the tab's token, as a query keyed by path, query and language. */
export function useApi<T>(token: string, path: string, query: Record<string, string> = {}, enabled = true) {
  const { i18n } = useTranslation();
  return useQuery({ ...apiQuery<T>(token, path, query, i18n.language), enabled });
}
