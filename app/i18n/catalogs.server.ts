import zhHans from "./locales/zh-Hans";
import zhHant from "./locales/zh-Hant";
import en from "./locales/en";

/** Every language's messages, for the server. The browser loads only its page's language (entry.client.tsx). */
export const allCatalogs = { "zh-Hans": zhHans, "zh-Hant": zhHant, en } as const;
