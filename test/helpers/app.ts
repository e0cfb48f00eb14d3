import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { io as ioClient, type Socket } from "socket.io-client";
import type { Db } from "../../db/index";
import { startApp } from "../../server/app";
import { authenticator } from "otplib";
import { DEMO_TOTP_SECRET, MODERATOR_EMAIL, SECRETARIAT_EMAIL } from "../../db/seed/index";
import { createMailer } from "../../app/models/accounts/mail.server";
import { createTestDb } from "./db";
import type { Wire } from "./wire";

/** Two-factor secrets of the accounts tests sign in as (the demo staff, and staff made by fixtures). */
export const totpSecrets = new Map<string, string>([
  [SECRETARIAT_EMAIL, DEMO_TOTP_SECRET],
  [MODERATOR_EMAIL, DEMO_TOTP_SECRET],
]);

export function totpAt(secret: string, at: number): string {
  return authenticator.clone({ epoch: at }).generate(secret);
}

let buildPromise: Promise<ServerBuild> | null = null;
/** The production Remix build (npm test builds it first), exercised exactly as users get it. */
export function loadBuild(): Promise<ServerBuild> {
  return (buildPromise ??= import(pathToFileURL(path.resolve("build/index.js")).href) as Promise<ServerBuild>);
}

export async function startTestApp(db: Db, options: { smtpUrl?: string; requestTimeoutMs?: number; publicUrl?: string } = {}) {
  const mailer = createMailer(db, options.smtpUrl ?? "", "要素 Yaosu <no-reply@yaosu.test>", () => {});
  const app = await startApp({
    db,
    build: await loadBuild(),
    port: 0,
    host: "127.0.0.1",
    mailer,
    requestTimeoutMs: options.requestTimeoutMs,
    publicUrl: options.publicUrl,
  });
  const baseUrl = `http://127.0.0.1:${app.port}`;
  return { ...app, baseUrl, client: (lang?: string) => new HttpClient(baseUrl, lang) };
}

/** A browser-like client: keeps cookies, sends Origin on mutations, does not follow redirects. */
export class HttpClient {
  readonly cookies = new Map<string, string>();
  constructor(
    readonly baseUrl: string,
    private readonly lang?: string,
  ) {}

  get cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  async request(pathname: string, init: RequestInit & { origin?: string | null } = {}) {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set("cookie", this.cookieHeader);
    if (this.lang) headers.set("accept-language", this.lang);
    const method = (init.method ?? "GET").toUpperCase();
    if (method !== "GET" && init.origin !== null) headers.set("origin", init.origin ?? this.baseUrl);
    const res = await fetch(this.baseUrl + pathname, { ...init, headers, redirect: "manual" });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair.indexOf("=");
      const name = pair.slice(0, i);
      const value = pair.slice(i + 1);
      if (value === "" || /max-age=0/i.test(c)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  get(pathname: string) {
    return this.request(pathname);
  }

  /** Posts a form the way a browser does (urlencoded). `?index` targets the route's own action. */
  post(pathname: string, fields: Record<string, string>, init: { origin?: string | null } = {}) {
    return this.request(pathname, { method: "POST", body: new URLSearchParams(fields), ...init });
  }

  /** A Remix action's JSON (the `_data` query returns the action data instead of the page). */
  async postData(pathname: string, fields: Record<string, string>) {
    const sep = pathname.includes("?") ? "&" : "?";
    const routeId = routeIdFor(pathname);
    const res = await this.post(`${pathname}${sep}_data=${encodeURIComponent(routeId)}`, fields);
    return { status: res.status, body: (await res.json().catch(() => null)) as Wire, res };
  }

  /** Signs in through the form; staff answer the two-factor step with the code their secret gives now. */
  async signIn(email: string, password: string) {
    const res = await this.post("/login", { email, password });
    if (res.status !== 302) throw new Error(`sign-in failed: ${res.status}`);
    const location = res.headers.get("location") ?? "";
    if (!location.startsWith("/login/2fa")) return res;
    const secret = totpSecrets.get(email.toLowerCase());
    if (!secret) throw new Error(`sign-in of ${email} asks for a two-factor code and no secret is known`);
    // A code works once: a second sign-in within the same 30 s takes the next step's code.
    for (const offset of [0, 1, -1]) {
      const code = totpAt(secret, Date.now() + offset * 30_000);
      const second = await this.post(location, { code });
      if (second.status === 302) return second;
    }
    throw new Error(`two-factor step of ${email} failed`);
  }

  socket(): Socket {
    const headers: Record<string, string> = { cookie: this.cookieHeader };
    if (this.lang) headers["accept-language"] = this.lang;
    return ioClient(this.baseUrl, { transports: ["websocket"], extraHeaders: headers, reconnection: false, forceNew: true });
  }
}

function routeIdFor(pathname: string): string {
  const p = pathname.split("?")[0].replace(/^\//, "");
  if (p === "") return "routes/_index";
  if (p === "login/2fa") return "routes/login_.2fa";
  if (/^orgs\/[^/]+$/.test(p)) return "routes/orgs.$orgId";
  if (/^listings\/[0-9a-f-]{36}\/edit$/.test(p)) return "routes/listings.$id_.edit";
  if (/^listings\/[0-9a-f-]{36}$/.test(p)) return "routes/listings.$id";
  if (/^matches\/[0-9a-f-]{36}$/.test(p)) return "routes/matches.$id";
  if (/^groups\/[0-9a-f-]{36}\/drafts$/.test(p)) return "routes/groups.$id.drafts._index";
  if (/^groups\/[0-9a-f-]{36}\/drafts\/[0-9a-f-]{36}$/.test(p)) return "routes/groups.$id.drafts.$draftId._index";
  return `routes/${p.replace(/\//g, ".")}`;
}

/** A fresh database with the app on it for one describe block: started before its tests, closed after. */
export function appOnFreshDb() {
  let t: Awaited<ReturnType<typeof createTestDb>> | undefined;
  let app: Awaited<ReturnType<typeof startTestApp>> | undefined;
  beforeAll(async () => {
    t = await createTestDb();
    app = await startTestApp(t.db);
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });
  return {
    get db() {
      return t!.db;
    },
    get app() {
      return app!;
    },
  };
}
