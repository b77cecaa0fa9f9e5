// the dashboard's build: a single-page app under /app/ of `jikimi serve`, built into dist/web with the package.
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "/app/",
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL("../dist/web", import.meta.url)),
    emptyOutDir: true,
    // one script for the shell, ECharts apart (the login and My data pages never load it)
    chunkSizeWarningLimit: 900,
    reportCompressedSize: false,
  },
});
