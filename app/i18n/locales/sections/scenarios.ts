/** Strings of the scenarios pages, per locale; mounted as `scenarios` in every catalog. */
export const scenarios = {
  "zh-Hans": { title: "scenarios" },
  "zh-Hant": { title: "scenarios" },
  en: { title: "scenarios" },
};
