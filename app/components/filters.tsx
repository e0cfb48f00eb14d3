import { Link, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";

export interface FilterOption {
  value: string;
  label: string;
}

/** The words to search for (the query schemas' searchText allows 100 characters); the first row of a filter bar. */
export function SearchField({ label, value, wide = true }: { label: string; value: string | null | undefined; wide?: boolean }) {
  return (
    <input type="search" name="q" defaultValue={value ?? ""} placeholder={label} aria-label={label} maxLength={100} className={wide ? "span-all" : undefined} />
  );
}

/**
 * One filter of a search form. The empty choice reads "<label>: all", so a select names itself
 * without a visible label (the filter bars are one row of selects).
 */
export function FilterSelect({
  name,
  label,
  value,
  options,
}: {
  name: string;
  label: string;
  value: string | number | null | undefined;
  options: FilterOption[];
}) {
  const { t } = useTranslation();
  return (
    <select name={name} defaultValue={value == null ? "" : String(value)} aria-label={label}>
      <option value="">
        {label}: {t("filters.all")}
      </option>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

/** The order of results: every choice reads "<label>: <choice>"; there is no empty choice. */
export function SortSelect({ label, value, options }: { label: string; value: string; options: FilterOption[] }) {
  return (
    <select name="sort" defaultValue={value} aria-label={label}>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {label}: {o.label}
        </option>
      ))}
    </select>
  );
}

/** Apply, and clear once anything is chosen (back to `resetTo`, the page without a query). */
export function FilterButtons({ resetTo }: { resetTo: string }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  return (
    <div className="row">
      <button type="submit" className="btn btn-primary">
        {t("filters.apply")}
      </button>
      {params.toString() ? (
        <Link to={resetTo} className="btn btn-ghost">
          {t("filters.reset")}
        </Link>
      ) : null}
    </div>
  );
}
