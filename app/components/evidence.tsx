import type { FieldMetadata } from "@conform-to/react";
import { useTranslation } from "~/i18n/use-translation";
import { ErrorText } from "./forms";
import { EVIDENCE_FIELD } from "~/models/trust/dispute-vocabulary";

/** What an evidence file looks like on a page (EvidenceFile of evidence.server.ts, serialised). */
export interface EvidenceLink {
  id: string;
  filename: string;
  size: number;
  path: string;
}

const EVIDENCE_ACCEPT = ".pdf,.png,.jpg,.jpeg,.txt,application/pdf,image/png,image/jpeg,text/plain";

function sizeLabel(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Field = FieldMetadata<any, any, string[]>;

/**
 * The file input of a form that takes evidence (the form needs encType="multipart/form-data"). The
 * files travel beside the form's schema; the server's refusal (type, size, count) shows here.
 */
export function EvidenceInput({ fields, max, mb }: { fields: object; max: number; mb: number }) {
  const { t } = useTranslation();
  const field = (fields as Record<string, Field>)[EVIDENCE_FIELD];
  const error = field.errors?.[0];
  return (
    <div className={error ? "field field-invalid" : "field"}>
      <label htmlFor={field.id}>{t("disputes.evidence.label")}</label>
      <input
        id={field.id}
        type="file"
        name={field.name}
        accept={EVIDENCE_ACCEPT}
        multiple
        aria-describedby={`${field.descriptionId}${error ? ` ${field.errorId}` : ""}`}
        aria-invalid={error ? true : undefined}
      />
      <small id={field.descriptionId} className="hint">
        {t("disputes.evidence.hint", { max, mb })}
      </small>
      <ErrorText id={field.errorId} error={error} />
    </div>
  );
}

/** Download links to evidence files (served as attachments to their readers only). */
export function EvidenceList({ files }: { files: EvidenceLink[] }) {
  const { t } = useTranslation();
  if (!files.length) return null;
  return (
    <ul className="list small" aria-label={t("disputes.evidence.files")} data-testid="evidence">
      {files.map((f) => (
        <li key={f.id}>
          <a href={f.path} download>
            📎 {f.filename}
          </a>{" "}
          <span className="muted">({sizeLabel(f.size)})</span>
        </li>
      ))}
    </ul>
  );
}
