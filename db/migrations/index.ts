import type { Migration } from "kysely";
import * as m0001 from "./0001_foundation";
import * as m0002 from "./0002_listings";
import * as m0003 from "./0003_scenarios";
import * as m0004 from "./0004_profiles";
import * as m0005 from "./0005_standards";
import * as m0006 from "./0006_drafts";
import * as m0007 from "./0007_group_collab";
import * as m0008 from "./0008_listing_browse_index";
import * as m0009 from "./0009_match_profiles";
import * as m0010 from "./0010_search_published_index";
import * as m0011 from "./0011_session_token_hashes";
import * as m0012 from "./0012_mail_tokens_limits";
import * as m0013 from "./0013_api_idempotency";
import * as m0014 from "./0014_group_message_client_ids";
import * as m0015 from "./0015_two_factor";
import * as m0016 from "./0016_job_runs_mailed_notifications";
import * as m0017 from "./0017_index_versions";
import * as m0018 from "./0018_match_candidates";
import * as m0019 from "./0019_english_titles";
import * as m0020 from "./0020_mail_muted_areas";
import * as m0021 from "./0021_images";
import * as m0022 from "./0022_profile_filled_fields";
import * as m0023 from "./0023_meeting_reminders";
import * as m0024 from "./0024_leases_and_backoff";
import * as m0025 from "./0025_known_devices";
import * as m0026 from "./0026_two_factor_guard";
import * as m0028 from "./0028_reports";
import * as m0029 from "./0029_deal_filings";
import * as m0030 from "./0030_platform_record";
import * as m0031 from "./0031_disputes";
import * as m0032 from "./0032_moderation";
import * as m0033 from "./0033_consent_and_filing_record";
import * as m0036 from "./0036_search_postings";
import * as m0034 from "./0034_credit_record";
import * as m0037 from "./0037_crossborder";
import * as m0038 from "./0038_calendar_feeds";
import * as m0039 from "./0039_crossborder_scenarios";

/** Append-only: add a new file and a new line; never edit a migration that has shipped. */
export const migrations: Record<string, Migration> = {
  "0001_foundation": m0001,
  "0002_listings": m0002,
  "0003_scenarios": m0003,
  "0004_profiles": m0004,
  "0005_standards": m0005,
  "0006_drafts": m0006,
  "0007_group_collab": m0007,
  "0008_listing_browse_index": m0008,
  "0009_match_profiles": m0009,
  "0010_search_published_index": m0010,
  "0011_session_token_hashes": m0011,
  "0012_mail_tokens_limits": m0012,
  "0013_api_idempotency": m0013,
  "0014_group_message_client_ids": m0014,
  "0015_two_factor": m0015,
  "0016_job_runs_mailed_notifications": m0016,
  "0017_index_versions": m0017,
  "0018_match_candidates": m0018,
  "0019_english_titles": m0019,
  "0020_mail_muted_areas": m0020,
  "0021_images": m0021,
  "0022_profile_filled_fields": m0022,
  "0023_meeting_reminders": m0023,
  "0024_leases_and_backoff": m0024,
  "0025_known_devices": m0025,
  "0026_two_factor_guard": m0026,
  "0028_reports": m0028,
  "0029_deal_filings": m0029,
  "0030_platform_record": m0030,
  "0031_disputes": m0031,
  "0032_moderation": m0032,
  "0033_consent_and_filing_record": m0033,
  "0036_search_postings": m0036,
  "0034_credit_record": m0034,
  "0037_crossborder": m0037,
  "0038_calendar_feeds": m0038,
  "0039_crossborder_scenarios": m0039,
};
