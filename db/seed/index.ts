import { sql } from "kysely";
import type { Db } from "../index";
import { hashPassword } from "../../app/models/accounts/auth.server";
import { creditCodeCheckChar } from "../../app/models/accounts/credit-code";
import { writeAudit } from "../../app/models/core/audit.server";
import { seedListings } from "./listings";
import { seedProfiles } from "./profiles";
import { seedScenarios } from "./scenarios";
import { seedStandards } from "./standards";
import { seedDrafts } from "./drafts";
import { seedGroupCollab } from "./group-collab";
import { seedTrust } from "./trust";

/** Every demo account signs in with this password; it is demo data, printed and in the README. */
export const DEMO_PASSWORD = "yaosu-demo-2026";
export const SECRETARIAT_EMAIL = "secretariat@yaosu.demo";
export const MODERATOR_EMAIL = "moderator@yaosu.demo";
/**
 * The demo staff accounts must use two-factor sign-in like real staff. This published demo key
 * (add it to any authenticator app) is for the demo data only, never for a real account.
 */
export const DEMO_TOTP_SECRET = "YAOSUDEMOTOTPKEY";

interface DemoOrg {
  slug: string;
  type: string;
  nameZh: string;
  nameEn?: string;
  region: string;
  /** 17 characters; the check character is computed so the code is valid. */
  code17?: string;
  description: string;
  status?: "approved" | "pending";
}

export const DEMO_ORGS: DemoOrg[] = [
  {
    slug: "gz-data-bureau",
    type: "government",
    nameZh: "广州市政务服务数据管理局",
    nameEn: "Guangzhou Government Service and Data Administration",
    region: "gz_yuexiu",
    code17: "11440100MB2C9284X",
    description: "负责全市公共数据资源统筹管理与授权运营，推进数据要素市场化配置改革。",
  },
  {
    slug: "nansha-bureau",
    type: "government",
    nameZh: "南沙区数据要素发展中心",
    region: "nansha",
    code17: "12440115MB2D7731Q",
    description: "服务南沙粤港澳全面合作，探索跨境数据流动与数据要素集聚区建设。",
  },
  {
    slug: "yuecheng-tech",
    type: "enterprise",
    nameZh: "粤城智算科技有限公司",
    nameEn: "Yuecheng Intelligent Computing Co., Ltd.",
    region: "gz_tianhe",
    code17: "91440106MA5D4K2J7",
    description: "城市级数据治理与隐私计算平台提供商，承接交通、城市管理数据产品开发。",
  },
  {
    slug: "lingnan-health",
    type: "enterprise",
    nameZh: "岭南医疗影像数据有限公司",
    region: "gz_huangpu",
    code17: "91440112MA9W3N8P1",
    description: "聚焦医学影像数据标注、脱敏与联邦学习建模，服务区域医疗联合体。",
  },
  {
    slug: "scut",
    type: "university",
    nameZh: "华南数据科学大学",
    nameEn: "South China University of Data Science",
    region: "gz_panyu",
    code17: "12440000455416632",
    description: "设有数据要素研究院，开展数据确权、定价与流通交易方向研究与人才培养。",
  },
  {
    slug: "gdri",
    type: "research",
    nameZh: "广东数据要素研究院",
    region: "gz_haizhu",
    code17: "12440000MB2E0118L",
    description: "面向数据资产入表、数据质量评估与数据标准化的科研院所。",
  },
  {
    slug: "pearl-capital",
    type: "investor",
    nameZh: "珠江数智创业投资基金",
    nameEn: "Pearl River Digital Ventures",
    region: "gz_tianhe",
    code17: "91440101MA9UXT5R2",
    description: "专注数据要素与人工智能早中期投资，关注数据服务商与行业数据产品。",
  },
  {
    slug: "hk-harbour-capital",
    type: "investor",
    nameZh: "港灣數據資本",
    nameEn: "Harbour Data Capital",
    region: "hong_kong",
    description: "香港的數據科技投資機構，關注大灣區跨境數據流通與金融科技。",
  },
  {
    slug: "baiyun-logistics",
    type: "user",
    nameZh: "白云港航物流集团",
    region: "gz_baiyun",
    code17: "91440111MA59B6E44",
    description: "港口与航空物流运营方，需要交通、气象与贸易数据支持调度与风控。",
  },
  {
    slug: "macau-tourism",
    type: "user",
    nameZh: "澳門智慧旅遊協會",
    nameEn: "Macau Smart Tourism Association",
    region: "macau",
    description: "推動澳門旅遊業數據化經營，需要客流、消費與文旅數據。",
  },
  {
    slug: "trust-compliance",
    type: "service_provider",
    nameZh: "信衡数据合规服务有限公司",
    region: "nansha",
    code17: "91440115MA9Y0RK6W",
    description: "提供数据合规评估、个人信息保护影响评估与数据出境安全评估咨询。",
  },
  {
    slug: "gba-valuation",
    type: "service_provider",
    nameZh: "湾区数据资产评估事务所",
    nameEn: "GBA Data Asset Valuation",
    region: "gba",
    code17: "91440101MA5CPQ8H3",
    description: "数据资产评估、数据资产入表咨询与数据产品定价服务。",
  },
  {
    slug: "hk-data-lab",
    type: "research",
    nameZh: "香港數據治理實驗室",
    nameEn: "Hong Kong Data Governance Lab",
    region: "hong_kong",
    description: "研究跨境數據治理規則與隱私增強技術。",
  },
  {
    slug: "foshan-maker",
    type: "enterprise",
    nameZh: "佛山工业互联数据有限公司",
    region: "gba",
    code17: "91440604MA4X7LQ0T",
    description: "工业互联网平台运营，汇聚制造业设备与供应链数据。",
    status: "pending",
  },
];

function fullCode(code17: string | undefined): string | null {
  return code17 ? code17 + creditCodeCheckChar(code17) : null;
}

export interface SeedResult {
  created: boolean;
  summary: string;
  logins: { email: string; role: string }[];
}

/**
 * The staff accounts and every demo organisation with its owner, applied and decided as in real
 * life (audit rows included), in one transaction of a few statements.
 */
async function seedAccounts(db: Db, passwordHash: string): Promise<{ email: string; role: string }[]> {
  // Demo accounts come with confirmed addresses (there is no mailbox behind yaosu.demo).
  const verified = new Date();
  const owners = DEMO_ORGS.map((o) => ({ ...o, email: `${o.slug}@yaosu.demo`, status: o.status ?? ("approved" as const) }));
  return db.transaction().execute(async (trx) => {
    const users = await trx
      .insertInto("users")
      .values([
        { email: SECRETARIAT_EMAIL, display_name: "联盟秘书处", password_hash: passwordHash, platform_role: "secretariat", email_verified_at: verified },
        { email: MODERATOR_EMAIL, display_name: "社区版主", password_hash: passwordHash, platform_role: "moderator", email_verified_at: verified },
        ...owners.map((o) => ({ email: o.email, display_name: `${o.nameZh} 管理员`, password_hash: passwordHash, email_verified_at: verified })),
      ])
      .returning(["id", "email"])
      .execute();
    const userId = new Map(users.map((u) => [u.email, u.id]));
    const secretariat = userId.get(SECRETARIAT_EMAIL)!;
    await trx
      .insertInto("user_totp")
      .values([secretariat, userId.get(MODERATOR_EMAIL)!].map((user_id) => ({ user_id, secret: DEMO_TOTP_SECRET, enabled_at: verified })))
      .execute();
    const orgs = await trx
      .insertInto("organisations")
      .values(
        owners.map((o) => ({
          type: o.type,
          name_zh: o.nameZh,
          name_en: o.nameEn ?? null,
          region: o.region,
          credit_code: fullCode(o.code17),
          contact_name: `${o.nameZh} 联络人`,
          contact_email: o.email,
          contact_phone: "+86 20 8888 0000",
          description: o.description,
          status: o.status,
          applied_by: userId.get(o.email)!,
          reviewed_by: o.status === "approved" ? secretariat : null,
          reviewed_at: o.status === "approved" ? sql`now()` : null,
        })),
      )
      .returning(["id", "contact_email"])
      .execute();
    const orgId = new Map(orgs.map((o) => [o.contact_email, o.id]));
    await trx
      .insertInto("org_members")
      .values(owners.map((o) => ({ org_id: orgId.get(o.email)!, user_id: userId.get(o.email)!, role: "owner" })))
      .execute();
    for (const o of owners) {
      // The demo history reads like the real one: an application, then the secretariat's decision.
      const entityId = orgId.get(o.email)!;
      await writeAudit(trx, {
        actorId: userId.get(o.email)!,
        action: "organisation.applied",
        entityType: "organisation",
        entityId,
        after: { nameZh: o.nameZh, type: o.type },
      });
      if (o.status === "approved") {
        await writeAudit(trx, {
          actorId: secretariat,
          action: "organisation.approved",
          entityType: "organisation",
          entityId,
          before: { status: "pending" },
          after: { status: o.status },
        });
      }
    }
    return [
      { email: SECRETARIAT_EMAIL, role: "secretariat" },
      { email: MODERATOR_EMAIL, role: "moderator" },
      ...owners.map((o) => ({ email: o.email, role: `${o.type} owner (${o.status})` })),
    ];
  });
}

/** Idempotent: does nothing when the secretariat account already exists. */
export async function seedDemo(db: Db): Promise<SeedResult> {
  const existing = await db.selectFrom("users").select("id").where("email", "=", SECRETARIAT_EMAIL).executeTakeFirst();
  if (existing) return { created: false, summary: "demo data already present", logins: [] };

  // One argon2id hash (standard parameters, ~50 ms off the event loop) serves every demo account.
  const logins = await seedAccounts(db, await hashPassword(DEMO_PASSWORD));
  // Listings go through the real model (submit, then the secretariat's approval), after the accounts exist.
  const listings = await seedListings(db);
  const scenarios = await seedScenarios(db);
  const profiles = await seedProfiles(db);
  const standards = await seedStandards(db);
  const drafts = await seedDrafts(db, standards.groupId);
  const collab = await seedGroupCollab(db, standards.groupId);
  const trust = await seedTrust(db, { secretariat: SECRETARIAT_EMAIL, moderator: MODERATOR_EMAIL });
  // The demo's history counts as already e-mailed: a fresh start should not print a digest per account.
  await db.updateTable("notifications").set({ mailed_at: new Date() }).where("mailed_at", "is", null).execute();
  const lines = [
    "Demo data created. Every demo account uses the password " + DEMO_PASSWORD,
    ...logins.map((l) => `  ${l.email.padEnd(36)} ${l.role}`),
    `The secretariat and moderator also need a two-factor code: add the demo key ${DEMO_TOTP_SECRET} to an authenticator app.`,
    `Demo listings: ${listings.created} (${listings.published} published, ${listings.pending} pending review, ${listings.drafts} drafts)`,
    ...[scenarios.summary, profiles.summary, standards.summary, drafts.summary, collab.summary].filter(Boolean),
    `Trust: ${trust.deals} deals (${trust.filings} filed), ${trust.disputes} disputes, ${trust.reports} reports`,
  ];
  return { created: true, summary: lines.join("\n"), logins };
}
