// the dashboard's build: a single-page app under /app/ of `jikimi serve`, built into dist/web with the package.
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

/**
 * index.html preloads the body the small entry imports (src/start.tsx and the chunks it imports), so that the
 * browser fetches and compiles it while the entry sends the first reads, not after the entry has run.
 */
function preloadBody(entry: string): Plugin {
  let base = "/";
  return {
    name: "jikimi-preload-body",
    apply: "build",
    configResolved(config) {
      base = config.base;
    },
    transformIndexHtml: {
      order: "post",
      handler(html, ctx) {
        const bundle = ctx.bundle;
        if (bundle === undefined) return html;
        const chunks = Object.values(bundle).flatMap((o) => (o.type === "chunk" ? [o] : []));
        const body = chunks.find((c) => c.facadeModuleId?.endsWith(entry));
        if (body === undefined) throw new Error(`preloadBody: no chunk for ${entry}`);
        const files = new Set<string>();
        const walk = (file: string) => {
          if (files.has(file)) return;
          files.add(file);
          for (const dep of bundle[file]?.type === "chunk" ? bundle[file].imports : []) walk(dep);
        };
        walk(body.fileName);
        return [...files]
          .filter((f) => !html.includes(f))
          .map((f) => ({
            tag: "link",
            attrs: { rel: "modulepreload", crossorigin: true, href: `${base}${f}` },
            injectTo: "head" as const,
          }));
      },
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "/app/",
  plugins: [react(), preloadBody("/src/start.tsx")],
  build: {
    outDir: fileURLToPath(new URL("../dist/web", import.meta.url)),
    emptyOutDir: true,
    // a small entry (the first reads), the shell, ECharts apart (the overview, sign-in and My data never load it)
    chunkSizeWarningLimit: 900,
    reportCompressedSize: false,
  },
});
