import { useTranslation } from "~/i18n/use-translation";

/** A time in a given IANA zone, with the zone named, e.g. "2026年12月1日 10:00 (Asia/Shanghai)". */
export function formatInZone(value: string | Date, timeZone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone, dateStyle: "medium", timeStyle: "short" }).format(new Date(value));
}

export interface TallyView {
  eligible: number;
  yes: number;
  no: number;
  abstain: number;
}

/** The fixed result of a closed ballot: the counts, the rule and whether it passed. */
export function BallotResult({
  tally,
  result,
  rule,
  evaluation,
}: {
  tally: TallyView;
  result: string | null;
  rule: { quorumNum: number; quorumDen: number; approvalNum: number; approvalDen: number };
  evaluation: { cast: number; quorumMet: boolean; approved: boolean } | null;
}) {
  const { t } = useTranslation();
  return (
    <div className="co-result stack-sm" data-testid="ballot-result">
      <p>
        <span className={result === "passed" ? "co-pass" : "co-fail"}>{result === "passed" ? t("collab.ballots.passed") : t("collab.ballots.failed")}</span>
      </p>
      <dl className="co-tally">
        <div>
          <dt>{t("collab.ballots.yes")}</dt>
          <dd>{tally.yes}</dd>
        </div>
        <div>
          <dt>{t("collab.ballots.no")}</dt>
          <dd>{tally.no}</dd>
        </div>
        <div>
          <dt>{t("collab.ballots.abstain")}</dt>
          <dd>{tally.abstain}</dd>
        </div>
        <div>
          <dt>{t("collab.ballots.eligible")}</dt>
          <dd>{tally.eligible}</dd>
        </div>
      </dl>
      {evaluation ? (
        <p className="muted small">
          {t("collab.ballots.quorumLine", { cast: evaluation.cast, eligible: tally.eligible, share: `${rule.quorumNum}/${rule.quorumDen}` })}
          {" · "}
          {evaluation.quorumMet ? t("collab.ballots.quorumMet") : t("collab.ballots.quorumMissed")}
          {" · "}
          {evaluation.approved
            ? t("collab.ballots.approvalMet", { share: `${rule.approvalNum}/${rule.approvalDen}` })
            : t("collab.ballots.approvalMissed", { share: `${rule.approvalNum}/${rule.approvalDen}` })}
        </p>
      ) : null}
    </div>
  );
}

/** The rule in words, shown on every ballot. */
export function RuleText({ rule }: { rule: { quorumNum: number; quorumDen: number; approvalNum: number; approvalDen: number } }) {
  const { t } = useTranslation();
  return (
    <p className="muted small">
      {t("collab.ballots.ruleText", { quorum: `${rule.quorumNum}/${rule.quorumDen}`, approval: `${rule.approvalNum}/${rule.approvalDen}` })}
    </p>
  );
}
