import { useTranslation } from "~/i18n/use-translation";

const PATH = ["preliminary", "proposal", "drafting", "public_comment", "review", "approval", "published"] as const;

/** The seven stages as a row of steps; the current one marked, a withdrawn draft says so. */
export function StageProgress({ stage }: { stage: string }) {
  const { t } = useTranslation();
  const at = PATH.indexOf(stage as (typeof PATH)[number]);
  return (
    <ol className="dr-stages" aria-label={t("drafts.stage")} data-testid="draft-stage" data-stage={stage}>
      {PATH.map((s, i) => (
        <li key={s} className={i < at ? "dr-done" : i === at ? "dr-current" : ""} aria-current={i === at ? "step" : undefined}>
          {t(`drafts.stages.${s}`)}
        </li>
      ))}
      {stage === "withdrawn" ? (
        <li className="dr-current dr-withdrawn" aria-current="step">
          {t("drafts.stages.withdrawn")}
        </li>
      ) : null}
    </ol>
  );
}

export function StageBadge({ stage }: { stage: string }) {
  const { t } = useTranslation();
  return <span className={`tag dr-stage-${stage}`}>{t(`drafts.stages.${stage}`)}</span>;
}

/** A line diff: removed lines struck through in red, added lines in green, with +/- markers for screen readers too. */
type DiffViewLine = { kind: "added" | "removed" | "same"; text: string } | { kind: "gap"; count: number };

/** A line diff; unchanged runs the model folded show as one line counting them. */
export function DiffView({ lines }: { lines: DiffViewLine[] }) {
  const { t } = useTranslation();
  return (
    <pre className="dr-diff" data-testid="diff">
      {lines.map((l, i) =>
        l.kind === "gap" ? (
          <span key={i} className="dr-gap muted">{`  ⋯ ${t("drafts.unchangedLines", { n: l.count })}\n`}</span>
        ) : l.kind === "added" ? (
          <ins key={i} className="dr-add">{`+ ${l.text}\n`}</ins>
        ) : l.kind === "removed" ? (
          <del key={i} className="dr-del">{`- ${l.text}\n`}</del>
        ) : (
          <span key={i} className="dr-same">{`  ${l.text}\n`}</span>
        ),
      )}
    </pre>
  );
}
