/** Strings of the API keys page and the JSON API's error messages, per locale. */
export const api = {
  "zh-Hans": {
    title: "API 密钥",
  },
  "zh-Hant": {
    title: "API 密鑰",
  },
  en: {
    title: "API keys",
  },
};
