import type { Db } from "../db/index";
import type { Locale } from "./i18n";
import type { AppLucia } from "./models/accounts/auth.server";
import type { Realtime } from "./models/core/notifications.server";
import type { Actor } from "./models/core/permissions";
import type { Mailer } from "./models/accounts/mail.server";

/** What server/ hands every loader and action (see getLoadContext). */
export interface AppContext {
  db: Db;
  realtime: Realtime;
  lucia: AppLucia;
  /** Who acts, as the gate admitted them (auth.server.ts `admit`): null for visitors and for `enrolling` staff. */
  actor: Actor | null;
  /** Staff signed in without two-factor: they act as nobody, and only requireActor on the enrolment page hands them out. */
  enrolling: Actor | null;
  /** The actor's unread notifications when the request began (0 when signed out). */
  unread: number;
  sessionId: string | null;
  locale: Locale;
  clientIp: string;
  userAgent: string;
  nonce: string;
  /** Also sent as X-Request-Id, so a user's report can be found in the log. */
  requestId: string;
  /** Sends queued mail after a commit (SMTP, or the console with no SMTP_URL). */
  mailer: Mailer;
  /** The base of links in mail: PUBLIC_URL, or http://localhost:PORT for the embedded demo; never a request's Host. */
  publicUrl: string;
}

declare module "@remix-run/server-runtime" {
  // Declaration merging: Remix's context type becomes ours (an interface, not a type alias, is required).
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AppLoadContext extends AppContext {}
}
