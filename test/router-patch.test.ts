import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { matchRoutes } from "@remix-run/router";

const require = createRequire(import.meta.url);
/** Resolves as the server's Remix build does (build/index.js imports these packages from node_modules). */
const serverRequire = createRequire(path.resolve("build/index.js"));
const PATCH_DIR = "scripts/patches";
const pkg = JSON.parse(fs.readFileSync("package.json", "utf8")) as {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  overrides?: Record<string, string>;
};
/** Each patch file's package and the version it was made against (`@remix-run+react+2.17.5.patch`). */
const patches = fs
  .readdirSync(PATCH_DIR)
  .filter((f) => f.endsWith(".patch"))
  .map((file) => {
    const m = /^(.+)\+(\d+\.\d+\.\d+)\.patch$/.exec(file)!;
    return { file, name: m[1].replace("+", "/"), version: m[2] };
  });

describe("the framework patches (scripts/patches)", () => {
  it("are three, each against the exact version package.json pins and npm installed", () => {
    expect(patches.map((p) => p.name).sort()).toEqual(["@remix-run/react", "@remix-run/router", "react-router-dom"]);
    for (const p of patches) {
      // A direct dependency pinned exactly, or a transitive one pinned by an override: never a range.
      const pinned = pkg.dependencies[p.name] ?? pkg.devDependencies[p.name] ?? pkg.overrides?.[p.name];
      expect(pinned, p.name).toBe(p.version);
      expect((serverRequire(`${p.name}/package.json`) as { version: string }).version, p.name).toBe(p.version);
    }
    // The Remix packages move together: a newer @remix-run/dev beside the pinned @remix-run/react would not build.
    for (const name of ["@remix-run/node", "@remix-run/express", "@remix-run/dev"])
      expect(pkg.dependencies[name] ?? pkg.devDependencies[name], name).toBe("2.17.5");
  });

  it("are in the files the server loads", () => {
    const loaded = (name: string, file: string) => fs.readFileSync(path.join(path.dirname(serverRequire.resolve(`${name}/package.json`)), file), "utf8");
    expect(loaded("@remix-run/react", "dist/server.js")).toContain("const serverRoutesCache = new WeakMap()");
    expect(loaded("react-router-dom", "server.js")).toContain("const dataRoutesCache = new WeakMap()");
    expect(loaded("@remix-run/router", "dist/router.cjs.js")).toContain("rankedBranchesCache");
    // Node loads the CommonJS files above (no "exports" map sends an import elsewhere).
    expect(serverRequire.resolve("@remix-run/router")).toMatch(/router\.cjs\.js$/);
    expect(serverRequire.resolve("react-router-dom/server")).toMatch(/react-router-dom[\\/]server\.js$/);
  });

  it("a patch that no longer applies fails the install (exit code 1, the package named)", () => {
    // The project's own postinstall command, on a copy of one package whose file has changed under the patch.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "yaosu-patch-"));
    try {
      const p = patches.find((x) => x.name === "react-router-dom")!;
      fs.mkdirSync(path.join(dir, PATCH_DIR), { recursive: true });
      fs.copyFileSync(path.join(PATCH_DIR, p.file), path.join(dir, PATCH_DIR, p.file));
      fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "patch-probe", version: "1.0.0", private: true }));
      const moduleDir = path.join(dir, "node_modules", p.name);
      fs.mkdirSync(moduleDir, { recursive: true });
      fs.writeFileSync(path.join(moduleDir, "server.js"), "// a release that changed this file\n");
      // The patch step of postinstall (what follows it needs the whole project); the install stops at its failure (&&).
      const steps = pkg.scripts.postinstall.split("&&").map((step) => step.trim());
      expect(steps[0]).toMatch(/^patch-package .*--error-on-fail.*--error-on-warn/);
      const install = (version: string) => {
        fs.writeFileSync(path.join(moduleDir, "package.json"), JSON.stringify({ name: p.name, version }));
        const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${path.resolve("node_modules/.bin")}${path.delimiter}${process.env.PATH}` };
        delete env.CI; // patch-package fails on CI by itself; the command must fail everywhere.
        return spawnSync("sh", ["-c", steps[0]], { cwd: dir, env, encoding: "utf8" });
      };
      const changed = install(p.version);
      expect(changed.status).toBe(1);
      expect(changed.stdout + changed.stderr).toContain(`Failed to apply patch for package ${p.name}`);
      // The file as installed here (patched) applies cleanly at the patch's version...
      fs.copyFileSync(serverRequire.resolve("react-router-dom/server"), path.join(moduleDir, "server.js"));
      expect(install(p.version).status).toBe(0);
      // ...and fails at any other version: a range that moved is an error, not a warning that scrolls by.
      const moved = install("6.99.0");
      expect(moved.status).toBe(1);
      expect(moved.stdout + moved.stderr).toMatch(/6\.30\.4[\s\S]*6\.99\.0|6\.99\.0[\s\S]*6\.30\.4/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("@remix-run/react makes a build's route tree once, and react-router-dom its data routes once", () => {
    // Both patches together: the second render of the same build reuses the routes of the first.
    const remixRoutes = serverRequire("@remix-run/react/dist/routes.js") as { createServerRoutes: (...a: unknown[]) => unknown };
    const { RemixServer } = serverRequire("@remix-run/react/dist/server.js") as { RemixServer: (props: { context: unknown; url: string }) => unknown };
    const original = remixRoutes.createServerRoutes;
    let made = 0;
    remixRoutes.createServerRoutes = (...a) => (made++, original(...a));
    try {
      const future = {};
      const manifest = {
        routes: {
          root: {
            id: "root",
            path: "",
            hasLoader: false,
            hasAction: false,
            hasClientLoader: false,
            hasClientAction: false,
            hasErrorBoundary: false,
            module: "/root.js",
          },
        },
      };
      const routeModules = { root: { default: () => null } };
      const context = () => ({
        manifest,
        routeModules,
        future,
        isSpaMode: false,
        staticHandlerContext: {
          loaderData: {},
          actionData: null,
          errors: null,
          matches: [],
          location: { pathname: "/", search: "", hash: "", state: null, key: "default" },
          basename: "/",
          statusCode: 200,
          loaderHeaders: {},
          actionHeaders: {},
        },
      });
      const routerOf = (element: unknown) => {
        let router: { routes: unknown[] } | undefined;
        const walk = (e: unknown) => {
          const props = (e as { props?: { router?: typeof router; children?: unknown } } | null)?.props;
          if (!props) return;
          if (props.router) router = props.router;
          (Array.isArray(props.children) ? props.children : [props.children]).forEach(walk);
        };
        walk(element);
        return router!;
      };
      const first = routerOf(RemixServer({ context: context(), url: "http://localhost/" }));
      const second = routerOf(RemixServer({ context: context(), url: "http://localhost/" }));
      expect(made).toBe(1);
      expect(second.routes).toBe(first.routes);
    } finally {
      remixRoutes.createServerRoutes = original;
    }
  });

  it("react-router-dom's static router makes the data routes of one route tree once", async () => {
    const { createStaticHandler, createStaticRouter } = serverRequire("react-router-dom/server") as typeof import("react-router-dom/server");
    const routes = [{ id: "root", path: "/", children: [{ id: "groups", path: "groups/:id" }] }];
    const context = await createStaticHandler(routes).query(new Request("http://localhost/groups/g1"));
    if (context instanceof Response) throw new Error("no context");
    const a = createStaticRouter(routes, context);
    const b = createStaticRouter(routes, context);
    expect(b.routes).toBe(a.routes);
    expect(b.state.matches.map((m) => m.params)).toEqual([{ id: "g1" }, { id: "g1" }]);
  });
});

/**
 * `npm ci` applies scripts/patches (postinstall): the server's route matching flattens each route
 * tree once, compiles each pattern once, and remembers the matches of recent pathnames. Without it pages still work, only slower, so a lost
 * install step would go unseen without this check.
 */
describe("route matching patch", () => {
  it("is applied to the router the server loads", () => {
    const source = fs.readFileSync(require.resolve("@remix-run/router"), "utf8");
    expect(source).toContain("rankedBranchesCache");
    expect(source).toContain("matchesCache");
  });

  it("hands each caller its own copy of a remembered match", () => {
    const routes = [{ path: "/", children: [{ path: "groups/:id" }] }];
    const first = matchRoutes(routes, "/groups/g1")!;
    (first[1].params as Record<string, string>).id = "changed";
    expect(matchRoutes(routes, "/groups/g1")![1].params).toEqual({ id: "g1" });
  });

  it("still matches as before, the second time from the cache", () => {
    const routes = [{ path: "/", children: [{ path: "groups/:id", children: [{ path: "drafts/:draftId" }] }, { path: "*" }] }];
    for (let i = 0; i < 2; i++) {
      expect(matchRoutes(routes, "/groups/g1/drafts/d2")?.map((m) => m.params)).toEqual([
        { id: "g1", draftId: "d2" },
        { id: "g1", draftId: "d2" },
        { id: "g1", draftId: "d2" },
      ]);
      expect(matchRoutes(routes, "/nowhere")?.at(-1)?.params).toEqual({ "*": "nowhere" });
    }
  });
});
