import { Form } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { LOCALES, LOCALE_LABELS, type Locale } from "~/i18n";

/** A plain form so it works before hydration; the choice persists in a cookie. */
export function LanguageSwitcher({ current, returnTo }: { current: Locale; returnTo: string }) {
  const { t } = useTranslation();
  return (
    <Form method="post" action="/lang" className="langswitch" aria-label={t("nav.language")} reloadDocument>
      <input type="hidden" name="returnTo" value={returnTo} />
      {LOCALES.map((l) => (
        <button key={l} type="submit" name="locale" value={l} aria-pressed={l === current} className={l === current ? "on" : ""} lang={l}>
          {LOCALE_LABELS[l]}
        </button>
      ))}
    </Form>
  );
}
