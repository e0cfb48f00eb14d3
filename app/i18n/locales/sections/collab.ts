/** Strings of the collab pages, per locale; mounted as `collab` in every catalog. */
export const collab = {
  "zh-Hans": { title: "collab" },
  "zh-Hant": { title: "collab" },
  en: { title: "collab" },
};
