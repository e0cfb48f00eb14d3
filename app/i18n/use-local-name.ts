import { useTranslation } from "./use-translation";

/** A name in the reader's language: the English one for English readers when there is one, else the Chinese. */
export function useLocalName() {
  const { i18n } = useTranslation();
  const english = i18n.language === "en";
  return (zh: string, en?: string | null) => (english && en ? en : zh);
}
