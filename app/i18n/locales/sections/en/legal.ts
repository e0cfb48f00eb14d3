/** The footer's links and the privacy, terms and contact pages. */
export const legal = {
  footer: {
    label: "Footer",
    privacy: "Privacy",
    terms: "Terms",
    contact: "Contact",
    icp: "ICP filing: {{number}}",
  },
  updated: "Last updated: 1 December 2026",
  privacy: {
    title: "Privacy policy",
    intro: "How the Yaosu platform handles your personal information (under China's Personal Information Protection Law).",
    who: "Who handles your information",
    whoBody: "The secretariat of the Data Element Industry Alliance runs this platform and is the handler of your personal information.",
    what: "What we collect",
    whatBody:
      "Your account (name, e-mail address, a one-way digest of your password), your organisation's application, and what you publish and do on the platform (the audit log).",
    why: "Why",
    whyBody:
      "To review membership applications, match data supply and demand, run standards working groups, keep accounts safe and handle reports. We do not sell personal information or use it for purposes unrelated to the alliance.",
    keep: "How long we keep it",
    keepBody: "While your account exists; after it is closed we delete or anonymise your information, except audit records the law requires us to keep.",
    rights: "Your rights",
    rightsBody:
      "You may see, correct or delete your personal information, withdraw consent or close your account. Ask on the personal-information request page; we answer within 15 working days.",
    rightsLink: "Make a personal-information request",
  },
  terms: {
    title: "Terms of service",
    intro: "By using the Yaosu platform you agree to these terms.",
    members: "Members",
    membersBody: "The platform is for member organisations approved by the alliance secretariat and their users. Your application must be true and lawful.",
    content: "What you publish",
    contentBody:
      "You are responsible for the listings, scenarios, comments on drafts and other content you publish. Do not publish data of unlawful origin, content that infringes others' rights, or anything against the data classification rules. Core data may not be published.",
    deals: "Matches and deals",
    dealsBody:
      "The platform matches, files and records; it is not a party to any deal. The parties agree their own terms and follow the law, including the rules on data leaving the mainland.",
    moderation: "Moderation",
    moderationBody:
      "For content or organisations that break these terms, the secretariat may warn, hide content or suspend membership, giving its reasons; you may appeal.",
    changes: "Changes",
    changesBody: "We tell you on the platform before these terms change.",
  },
  contact: {
    title: "Contact",
    intro: "The secretariat of the Data Element Industry Alliance.",
    join: "Join the alliance",
    joinBody: "Organisations apply online; the secretariat reviews the application and tells you the outcome.",
    personal: "Personal-information requests",
    personalBody: "To see, correct or delete personal information, or complain about how it is handled; no account needed.",
    reports: "Reports and complaints",
    reportsBody: "Members, once signed in, can report misleading, unlawful or infringing content.",
  },
};
