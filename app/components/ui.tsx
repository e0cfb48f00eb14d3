import { Link, useSearchParams } from "@remix-run/react";
import { useEffect, useRef, useState, type ReactNode, type ButtonHTMLAttributes } from "react";
import { useTranslation } from "~/i18n/use-translation";

export function PageHeader({ title, intro, actions }: { title: string; intro?: string; actions?: ReactNode }) {
  return (
    <div className="page-header">
      <div>
        <h1>{title}</h1>
        {intro ? <p className="muted">{intro}</p> : null}
      </div>
      {actions ? <div className="page-actions">{actions}</div> : null}
    </div>
  );
}

export function EmptyState({ children, action }: { children: ReactNode; action?: ReactNode }) {
  return (
    <div className="empty">
      <svg viewBox="0 0 48 48" width="40" height="40" aria-hidden>
        <rect x="6" y="10" width="36" height="28" rx="4" fill="none" stroke="currentColor" strokeWidth="2" />
        <path d="M6 30h10l3 4h10l3-4h10" fill="none" stroke="currentColor" strokeWidth="2" />
      </svg>
      <p>{children}</p>
      {action}
    </div>
  );
}

export function StatusBadge({ status, label }: { status: string; label: string }) {
  return <span className={`status status-${status}`}>{label}</span>;
}

/** Previous / page n of m / next, keeping every other search parameter of the current URL. */
export function Pager({
  page,
  pages,
  prevLabel,
  nextLabel,
  pageLabel,
}: {
  page: number;
  pages: number;
  prevLabel: string;
  nextLabel: string;
  pageLabel: string;
}) {
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const href = (p: number) => {
    const next = new URLSearchParams(params);
    next.set("page", String(p));
    return `?${next}`;
  };
  // Past the end (an old link, a hand-typed ?page=99): say so and lead back, never "page 99 / 3".
  if (page > pages) {
    return (
      <nav className="pager" aria-label={pageLabel} data-testid="past-last-page">
        <span />
        <Link to={href(pages)}>{t("common.lastPage", { pages })}</Link>
        <span />
      </nav>
    );
  }
  if (pages <= 1) return null;
  return (
    <nav className="pager" aria-label={pageLabel}>
      {page > 1 ? <Link to={href(page - 1)}>{prevLabel}</Link> : <span />}
      <span>
        {pageLabel} / {pages}
      </span>
      {page < pages ? <Link to={href(page + 1)}>{nextLabel}</Link> : <span />}
    </nav>
  );
}

/** A search snippet: the query's words marked. */
export function SnippetText({ parts }: { parts: { text: string; marked: boolean }[] }) {
  return <p className="snippet">{parts.map((p, i) => (p.marked ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}</p>;
}

/**
 * A submit button for what cannot be undone: it asks first, in the page's own dialog and language
 * (the browser's `confirm()` says "127.0.0.1 says…" in the browser's language). Before hydration and
 * without JavaScript it submits as any button does (the server still checks everything).
 */
export function ConfirmButton({ confirm, onClick, children, ...props }: ButtonHTMLAttributes<HTMLButtonElement> & { confirm: string }) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  if (!hydrated)
    return (
      <button type="submit" {...props} onClick={onClick}>
        {children}
      </button>
    );
  return (
    <>
      <button type="button" className={props.className} disabled={props.disabled} data-confirm="open" onClick={() => dialog.current?.showModal()}>
        {children}
      </button>
      {/* Inside the form: the dialog's submit button sends the form with its name and value. */}
      <dialog ref={dialog} className="confirm-dialog" aria-label={confirm}>
        <p>{confirm}</p>
        <div className="confirm-actions">
          <button type="button" className="btn btn-ghost" data-confirm="cancel" onClick={() => dialog.current?.close()}>
            {t("confirm.cancel")}
          </button>
          <button
            type="submit"
            {...props}
            data-confirm="yes"
            onClick={(e) => {
              dialog.current?.close();
              onClick?.(e);
            }}
          >
            {children}
          </button>
        </div>
      </dialog>
    </>
  );
}
