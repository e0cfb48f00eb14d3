import type { OrgRole, OrgStatus, PlatformRole } from "../../../db/schema";
import { forbidden } from "./errors";

/** Who is asking: loaded once per request from the session, passed to every model call. */
export interface Actor {
  id: string;
  email: string;
  displayName: string;
  platformRole: PlatformRole;
  locale: string | null;
  /** Set when the actor is an API key acting for its creator. */
  apiKeyId?: string;
  /** The address was proved by a link sent to it; until then the account browses but does not join. */
  emailVerified: boolean;
  /** Two-factor sign-in is on (required for the secretariat and moderators). */
  twoFactorEnabled: boolean;
  org: {
    id: string;
    type: string;
    role: OrgRole;
    status: OrgStatus;
    nameZh: string;
    nameEn: string | null;
    /** Suspended by the moderators (app/models/trust/moderation.server.ts): its members act as members of no approved organisation. */
    suspended?: boolean;
  } | null;
}

export function requireUser(actor: Actor | null): Actor {
  if (!actor) throw forbidden("errors.signInRequired");
  return actor;
}

/** Applying for membership and accepting invitations need an address the platform has proved. */
export function requireVerifiedUser(actor: Actor | null): Actor {
  const a = requireUser(actor);
  if (!a.emailVerified) throw forbidden("mail.verifyFirst");
  return a;
}

export function isSecretariat(actor: Actor | null): boolean {
  return actor?.platformRole === "secretariat";
}

/** Moderators and the secretariat decide reports and hide content. */
export function isModerator(actor: Actor | null): boolean {
  return actor?.platformRole === "moderator" || isSecretariat(actor);
}

export function requireModerator(actor: Actor | null): Actor {
  const a = requireUser(actor);
  if (!isModerator(a)) throw forbidden();
  return a;
}

export function requireSecretariat(actor: Actor | null): Actor {
  const a = requireUser(actor);
  if (a.platformRole !== "secretariat") throw forbidden();
  return a;
}

/** The roles that manage an organisation (its people, profile and API keys): owners and admins. */
export function isManagerRole(role: OrgRole | null | undefined): boolean {
  return role === "owner" || role === "admin";
}

/** Owners and admins of an approved organisation manage it. */
export function canManageOrg(actor: Actor | null, orgId: string | null | undefined): boolean {
  const org = approvedOrg(actor);
  return !!org && org.id === orgId && isManagerRole(org.role);
}

/**
 * Who may apply for membership: a member account (not staff) without an organisation, or whose
 * organisation's application was rejected (it corrects and resubmits). The proved e-mail address
 * is asked for at the door (requireVerifiedUser), with its own message.
 */
export function mayApply(actor: Actor | null): boolean {
  return !!actor && actor.platformRole === "member" && (!actor.org || actor.org.status === "rejected");
}

export function requireOrgManager(actor: Actor | null, orgId: string): Actor {
  const a = requireUser(actor);
  if (!canManageOrg(a, orgId)) throw forbidden();
  return a;
}

export type MemberActor = Actor & { org: NonNullable<Actor["org"]> };

/**
 * Acting for an approved member organisation (posting, publishing, joining a group, commenting):
 * the one check behind every such door. `message` names what the member was trying to do.
 */
export function requireApprovedMember(actor: Actor | null, message = "errors.orgNotApproved"): MemberActor {
  const a = requireUser(actor);
  if (!approvedOrg(a)) throw forbidden(message);
  return a as MemberActor;
}

/** The organisation the actor acts for when it is an approved member; null without one or before approval. */
export function approvedOrg(actor: Actor | null): MemberActor["org"] | null {
  return actor?.org?.status === "approved" && !actor.org.suspended ? actor.org : null;
}

/** Members of an approved organisation (and the secretariat) see member-only details. */
export function isApprovedMember(actor: Actor | null): boolean {
  return isSecretariat(actor) || !!approvedOrg(actor);
}
