import type { Generated } from "kysely";
import type { TOKEN_PURPOSES } from "../vocabulary/enums";
import type { Timestamp } from "./columns";

export interface MailOutboxTable {
  id: Generated<string>;
  to_email: string;
  kind: string;
  subject: string;
  text_body: string;
  html_body: string;
  created_at: Timestamp;
  sent_at: Timestamp | null;
  attempts: Generated<number>;
  last_error: string | null;
  /** A failed send waits until then (growing pauses). */
  next_attempt_at: Generated<Timestamp>;
  /** A sender holds the row until then; a sender that died lets it go by itself. */
  claimed_until: Timestamp | null;
  /** Given up after the last attempt: shown to staff, who can send it again. */
  failed_at: Timestamp | null;
}

export type TokenPurpose = (typeof TOKEN_PURPOSES)[number];

export interface AccountTokensTable {
  token_hash: string;
  purpose: TokenPurpose;
  user_id: string;
  email: string;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  created_at: Timestamp;
}

/** A browser that signed in to the account (known-devices.server.ts): the cookie's token, hashed. */
export interface KnownDevicesTable {
  token_hash: string;
  user_id: string;
  created_at: Generated<Timestamp>;
  expires_at: Timestamp;
}

export interface RateLimitsTable {
  key: string;
  hits: number;
  expires_at: Timestamp;
}

export interface ApiIdempotencyTable {
  api_key_id: string;
  /** The key's organisation: a key value is used once per organisation, whichever of its API keys sends it. */
  org_id: string | null;
  idem_key: string;
  request_hash: string;
  /** Null while the first request with this key is still running. */
  status: number | null;
  body: string | null;
  created_at: Timestamp;
}

export interface UserTotpTable {
  user_id: string;
  secret: string;
  /** Null while enrolment waits for its first code. */
  enabled_at: Timestamp | null;
  /** The last 30-second step accepted: a code is good once. */
  last_step: string | null;
  created_at: Timestamp;
}

export interface UserRecoveryCodesTable {
  id: Generated<string>;
  user_id: string;
  code_hash: string;
  used_at: Timestamp | null;
}

/** Failed second-factor tries of an account since its last good one (any ticket, any node). */
export interface TwoFactorTriesTable {
  user_id: string;
  failures: number;
  last_try_at: Timestamp;
}

/** A secret waiting for its first code: shown to, and usable by, the session that started it. */
export interface TwoFactorEnrolmentsTable {
  session_id: string;
  user_id: string;
  secret: string;
  expires_at: Timestamp;
}

export interface LoginChallengesTable {
  token_hash: string;
  user_id: string;
  attempts: Generated<number>;
  expires_at: Timestamp;
}

export interface AccountTables {
  user_totp: UserTotpTable;
  user_recovery_codes: UserRecoveryCodesTable;
  login_challenges: LoginChallengesTable;
  two_factor_tries: TwoFactorTriesTable;
  two_factor_enrolments: TwoFactorEnrolmentsTable;
  api_idempotency: ApiIdempotencyTable;
  mail_outbox: MailOutboxTable;
  account_tokens: AccountTokensTable;
  known_devices: KnownDevicesTable;
  rate_limits: RateLimitsTable;
}
