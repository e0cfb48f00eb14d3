import type { ReactNode } from "react";
import { PageHeader } from "~/components/ui";

export interface LegalPageData {
  title: string;
  intro: string;
  updated: string | null;
  sections: { id: string; heading: string; body: string }[];
}

/** A plain text page (privacy, terms, contact), translated by its loader: a header, then headed sections. */
export function LegalPage({ data, after }: { data: LegalPageData; after?: Record<string, ReactNode> }) {
  return (
    <div className="stack narrow-left">
      <PageHeader title={data.title} intro={data.intro} />
      <article className="card stack">
        {data.sections.map((s) => (
          <section key={s.id} aria-labelledby={`legal-${s.id}`}>
            <h2 id={`legal-${s.id}`}>{s.heading}</h2>
            <p>{s.body}</p>
            {after?.[s.id] ?? null}
          </section>
        ))}
        {data.updated ? <p className="muted small">{data.updated}</p> : null}
      </article>
    </div>
  );
}
