/**
 * Bundles the Express + Socket.IO server (server/index.ts and what it imports from app/ and db/)
 * into build/server/index.js, which plain `node` runs: no TypeScript loader in production. Packages
 * stay external (node_modules is there at run time). `npm run build` runs it after `remix build`;
 * `npm start` (scripts/start.mjs) runs it beside the Remix build.
 */
import { build, stop } from "esbuild";
import { pathToFileURL } from "node:url";

export async function buildServer() {
  try {
    await build({
      entryPoints: ["server/index.ts"],
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      packages: "external",
      outfile: "build/server/index.js",
      logLevel: "warning",
    });
  } finally {
    // The esbuild service is not needed again in this process (the server runs in it next).
    await stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await buildServer();
