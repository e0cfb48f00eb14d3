/** Strings of the drafts pages, per locale; mounted as `drafts` in every catalog. */
export const drafts = {
  "zh-Hans": { title: "drafts" },
  "zh-Hant": { title: "drafts" },
  en: { title: "drafts" },
};
