// the dashboard's body, loaded by main.tsx: the catalogue's language, the query cache, the shell.
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import i18next from "i18next";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App, readAhead } from "./App.js";
import { takeToken } from "./api.js";
import { initI18n } from "./i18n.js";

initI18n();
const queries = new QueryClient({ defaultOptions: { queries: { retry: 1, staleTime: 30_000 } } });
// the first page's answers (asked for by main.tsx) into the query cache, while React draws the shell
const token = takeToken();
if (token !== null) readAhead(queries, token, i18next.language);
const root = document.getElementById("root");
if (root)
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={queries}>
        <App />
      </QueryClientProvider>
    </StrictMode>,
  );
