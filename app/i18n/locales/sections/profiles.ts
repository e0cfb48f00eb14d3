/** Strings of the profiles pages, per locale; mounted as `profiles` in every catalog. */
export const profiles = {
  "zh-Hans": { title: "profiles" },
  "zh-Hant": { title: "profiles" },
  en: { title: "profiles" },
};
