import { resolve } from "node:path";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const portalRoot = import.meta.dirname;
const repoRoot = resolve(portalRoot, "../..");

/**
 * The portal is built into `dist/portal`, which the server serves at `/` (with an SPA fallback to
 * index.html) next to its API under `/api/v1`. For `vite dev`, API calls are proxied to a running
 * `portolan serve` / `portolan demo` at PORTOLAN_API_URL.
 */
export default defineConfig({
  root: portalRoot,
  base: "/",
  plugins: [react()],
  build: {
    outDir: resolve(repoRoot, "dist/portal"),
    emptyOutDir: true,
  },
  server: {
    host: "127.0.0.1",
    proxy: {
      "/api": process.env.PORTOLAN_API_URL ?? "http://127.0.0.1:3000",
    },
  },
});
