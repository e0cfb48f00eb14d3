import type { Db } from "../db/index";
import type { Locale } from "./i18n";
import type { AppLucia } from "./models/auth.server";
import type { Realtime } from "./models/notifications.server";
import type { Actor } from "./models/permissions";

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
}

declare module "@remix-run/server-runtime" {
  interface AppLoadContext extends AppContext {}
}
