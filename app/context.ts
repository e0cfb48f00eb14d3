import type { Db } from "../db/index";
import type { Locale } from "./i18n";
import type { AppLucia } from "./models/accounts/auth.server";
import type { Realtime } from "./models/core/notifications.server";
import type { Actor } from "./models/core/permissions";

/** What server/ hands every loader and action (see getLoadContext). */
export interface AppContext {
  db: Db;
  realtime: Realtime;
  lucia: AppLucia;
  actor: Actor | null;
  sessionId: string | null;
  locale: Locale;
  clientIp: string;
  userAgent: string;
  nonce: string;
  /** Also sent as X-Request-Id, so a user's report can be found in the log. */
  requestId: string;
}

declare module "@remix-run/server-runtime" {
  interface AppLoadContext extends AppContext {}
}
