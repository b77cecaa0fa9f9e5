// the dashboard's entry: the catalogue's language, the query cache, the shell.
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App.js";
import { initI18n } from "./i18n.js";
import "./style.css";

initI18n();
// ECharts (its own chunk) loads while the first answers from the API are awaited, not after them
void import("./components/echarts.js");
const queries = new QueryClient({ defaultOptions: { queries: { retry: 1, staleTime: 30_000 } } });
const root = document.getElementById("root");
if (root)
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={queries}>
        <App />
      </QueryClientProvider>
    </StrictMode>,
  );
