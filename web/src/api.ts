// the dashboard's access to the API: GET with the token of this tab, as TanStack queries (the token and the requests
// themselves are early.ts's, the dashboard's first script).
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { getJson } from "./early.js";

export { ApiError, dropToken, errorText, keepToken, takeToken } from "./early.js";

/** The query of GET `path` as JSON with the tab's token, keyed by path, query and language. */
export function apiQuery<T>(token: string, path: string, query: Record<string, string>, lang: string) {
  return {
    queryKey: [path, query, lang],
    queryFn: (): Promise<T> => getJson<T>(token, path, query, lang),
  };
}

/** GET `path` as JSON with the tab's token, as a query keyed by path, query and language. */
export function useApi<T>(token: string, path: string, query: Record<string, string> = {}, enabled = true) {
  const { i18n } = useTranslation();
  return useQuery({ ...apiQuery<T>(token, path, query, i18n.language), enabled });
}
