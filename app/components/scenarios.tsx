import { Form, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "~/i18n/use-translation";
import { ErrorText, FormError, SelectField, TextArea, TextField, fieldValues, formRefusal, type ChoicesProps, type FieldSource } from "~/components/forms";
import { enumLabel, enumOptions } from "~/lib/enums";
import { DELIVERY_MODES, REGIONS, SECTORS } from "~/models/core/enums";
import { IMAGE_ACCEPT, thumbnailOf } from "~/models/media/image-paths";
import { useClientCheck } from "~/lib/client-check";
import { scenarioFromForm, scenarioInputSchema } from "~/models/scenarios/scenario-schema";

export const STAGES = ["proposed", "pilot", "demonstration"] as const;

/** The first message for a field or any of its items ("results.2.value" belongs to "results"). */
export function groupError(data: FieldSource, name: string): string | undefined {
  const d = formRefusal(data);
  if (!d) return undefined;
  if (d.fieldErrors[name]) return d.fieldErrors[name];
  const key = Object.keys(d.fieldErrors).find((k) => k.startsWith(`${name}.`));
  return key ? d.fieldErrors[key] : undefined;
}

export function StageBadge({ stage }: { stage: string }) {
  const { t } = useTranslation();
  return <span className={`sc-stage sc-stage-${stage}`}>{t(`scenarios.stages.${stage}`)}</span>;
}

/** proposed -> pilot -> demonstration, with the current step marked. */
export function StageSteps({ stage }: { stage: string }) {
  const { t } = useTranslation();
  const at = STAGES.indexOf(stage as (typeof STAGES)[number]);
  return (
    <ol className="sc-steps" aria-label={t("scenarios.stage")}>
      {STAGES.map((s, i) => (
        <li key={s} className={i < at ? "sc-step-done" : i === at ? "sc-step-current" : ""} aria-current={i === at ? "step" : undefined}>
          {t(`scenarios.stages.${s}`)}
        </li>
      ))}
    </ol>
  );
}

export interface FigureView {
  label: string;
  value: number;
  unit: string | null;
}

export function Figures({ results }: { results: FigureView[] }) {
  const { i18n } = useTranslation();
  if (!results.length) return null;
  const fmt = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 2 });
  return (
    <ul className="sc-figures" data-testid="figures">
      {results.map((r, i) => (
        <li key={i} className="sc-figure">
          <span className="sc-figure-value">
            {fmt.format(r.value)}
            {r.unit ? <small> {r.unit}</small> : null}
          </span>
          <span className="sc-figure-label">{r.label}</span>
        </li>
      ))}
    </ul>
  );
}

/** Linked images are shown from their https address, never fetched or stored by us. */
export function ImageStrip({ urls, title }: { urls: string[]; title: string }) {
  const { t } = useTranslation();
  if (!urls.length) return null;
  return (
    <div className="sc-images">
      {urls.map((u, i) => (
        <a key={u} href={u} target="_blank" rel="noopener">
          <img src={thumbnailOf(u)} alt={t("scenarios.imageAlt", { title, n: i + 1 })} loading="lazy" />
        </a>
      ))}
    </div>
  );
}

export interface ScenarioDefaults {
  title?: string;
  titleEn?: string | null;
  sector?: string;
  region?: string;
  problem?: string;
  dataDescription?: string | null;
  deliveryModes?: string[];
  listingIds?: string[];
  participantOrgIds?: string[];
  resultsText?: string;
  imageUrls?: string[];
  crossborderAreas?: string[];
}

export interface ScenarioFormOptions {
  listings: { id: string; title: string; kind: string; orgName: string }[];
  orgs: { id: string; name: string; type: string }[];
}

function MultiSelect({ name, label, hint, options, selected, data }: ChoicesProps & { hint?: string }) {
  const error = groupError(data, name);
  return (
    <div className={error ? "field field-invalid" : "field"}>
      <label htmlFor={`f-${name}`}>{label}</label>
      <select
        id={`f-${name}`}
        name={name}
        multiple
        defaultValue={selected}
        size={Math.min(8, Math.max(3, options.length))}
        aria-invalid={!!error}
        className="sc-multi"
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {hint ? <small className="hint">{hint}</small> : null}
      <ErrorText error={error} />
    </div>
  );
}

export function ScenarioForm({
  data: actionData,
  defaults = {},
  options,
  areasField,
  submitLabel,
}: {
  data: FieldSource;
  defaults?: ScenarioDefaults;
  options: ScenarioFormOptions;
  /** The areas of cross-border mutual recognition (app/components/CrossBorderAreasField.tsx), given by the route. */
  areasField?: (data: FieldSource) => ReactNode;
  submitLabel: string;
}) {
  const { t } = useTranslation();
  const check = useClientCheck(scenarioInputSchema, scenarioFromForm);
  const data = check.shown(actionData);
  const busy = useNavigation().state === "submitting";
  const list = (name: string, fallback: string[] = []) => fieldValues(data, name, fallback);
  const deliveryError = groupError(data, "deliveryModes");
  const selectedModes = list("deliveryModes", defaults.deliveryModes);
  return (
    <Form method="post" encType="multipart/form-data" noValidate className="stack sc-form" onSubmit={check.onSubmit}>
      <FormError data={data} />
      <section className="card form-grid">
        <h2 className="span-2">{t("scenarios.sectionBasics")}</h2>
        <div className="span-2">
          <TextField name="title" label={t("scenarios.fTitle")} maxLength={120} data={data} defaultValue={defaults.title} required />
        </div>
        <div className="span-2">
          <TextField
            name="titleEn"
            label={t("scenarios.fTitleEn")}
            hint={t("listings.fTitleEnHint")}
            maxLength={160}
            data={data}
            defaultValue={defaults.titleEn ?? undefined}
          />
        </div>
        <SelectField
          name="sector"
          label={t("scenarios.sector")}
          placeholder={t("scenarios.choose")}
          options={enumOptions(t, "sector", SECTORS)}
          data={data}
          defaultValue={defaults.sector}
        />
        <SelectField
          name="region"
          label={t("scenarios.region")}
          placeholder={t("scenarios.choose")}
          options={enumOptions(t, "region", REGIONS)}
          data={data}
          defaultValue={defaults.region}
        />
        <div className="span-2">
          <TextArea
            name="problem"
            label={t("scenarios.fProblem")}
            hint={t("scenarios.fProblemHint")}
            rows={5}
            maxLength={5000}
            data={data}
            defaultValue={defaults.problem}
            required
          />
        </div>
      </section>

      <section className="card form-grid">
        <h2 className="span-2">{t("scenarios.sectionData")}</h2>
        <div className="span-2">
          <MultiSelect
            name="listingIds"
            label={t("scenarios.fListings")}
            hint={t("scenarios.fListingsHint")}
            options={options.listings.map((l) => ({ value: l.id, label: `${enumLabel(t, "kind", l.kind)} · ${l.title} · ${l.orgName}` }))}
            selected={list("listingIds", defaults.listingIds)}
            data={data}
          />
        </div>
        <div className="span-2">
          <TextArea
            name="dataDescription"
            label={t("scenarios.fData")}
            rows={3}
            maxLength={3000}
            data={data}
            defaultValue={defaults.dataDescription ?? undefined}
          />
        </div>
        <fieldset className={deliveryError ? "checks field-invalid span-2" : "checks span-2"}>
          <legend>{t("scenarios.delivery")}</legend>
          <p className="hint">{t("scenarios.deliveryHint")}</p>
          <div className="check-grid">
            {enumOptions(t, "delivery", DELIVERY_MODES).map((o) => (
              <label key={o.value} className="check">
                <input type="checkbox" name="deliveryModes" value={o.value} defaultChecked={selectedModes.includes(o.value)} /> {o.label}
              </label>
            ))}
          </div>
          <ErrorText error={deliveryError} />
        </fieldset>
        {areasField?.(data)}
        <div className="span-2">
          <MultiSelect
            name="participantOrgIds"
            label={t("scenarios.fParticipants")}
            hint={t("scenarios.fParticipantsHint")}
            options={options.orgs.map((o) => ({ value: o.id, label: `${o.name} · ${enumLabel(t, "orgType", o.type)}` }))}
            selected={list("participantOrgIds", defaults.participantOrgIds)}
            data={data}
          />
        </div>
      </section>

      <section className="card form-grid">
        <h2 className="span-2">{t("scenarios.sectionResults")}</h2>
        <div className="span-2">
          <TextArea
            name="results"
            label={t("scenarios.fResults")}
            hint={t("scenarios.fResultsHint")}
            rows={4}
            data={data}
            defaultValue={defaults.resultsText}
            className="mono"
          />
          <ItemError data={data} name="results" />
        </div>
        <div className="span-2">
          <ImagePicker data={data} current={list("imageUrls", defaults.imageUrls)} />
        </div>
      </section>
      <div className="row">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {submitLabel}
        </button>
      </div>
    </Form>
  );
}

/** The images a scenario keeps (tick boxes over thumbnails) and new files to upload. */
function ImagePicker({ data, current }: { data: FieldSource; current: string[] }) {
  const { t } = useTranslation();
  const error = groupError(data, "imageFiles") ?? groupError(data, "imageUrls");
  return (
    <fieldset className={error ? "field field-invalid checks sc-image-picker" : "field checks sc-image-picker"}>
      <legend>{t("scenarios.fImages")}</legend>
      {current.length ? (
        <>
          <p className="hint">{t("scenarios.fImagesCurrent")}</p>
          <div className="sc-images">
            {current.map((u, i) => (
              <label key={u} className="sc-image-keep">
                <img src={thumbnailOf(u)} alt={t("scenarios.imageAlt", { title: "", n: i + 1 }).trim()} loading="lazy" />
                <span className="check">
                  <input type="checkbox" name="imageUrls" value={u} defaultChecked /> {t("scenarios.fImagesKeep")}
                </span>
              </label>
            ))}
          </div>
        </>
      ) : null}
      <input id="f-imageFiles" type="file" name="imageFiles" accept={IMAGE_ACCEPT} multiple aria-describedby="f-imageFiles-hint" aria-invalid={!!error} />
      <small id="f-imageFiles-hint" className="hint">
        {t("scenarios.fImagesHint")}
      </small>
      <ErrorText error={error} />
    </fieldset>
  );
}

/** Errors on one item of a list field (one line of figures or images), which TextArea does not show. */
function ItemError({ data, name }: { data: FieldSource; name: string }) {
  const d = formRefusal(data);
  if (!d || d.fieldErrors[name]) return null;
  const key = Object.keys(d.fieldErrors).find((k) => k.startsWith(`${name}.`));
  if (!key) return null;
  const line = Number(key.split(".")[1]);
  return (
    <small className="field-error" role="alert" data-field={key}>
      {Number.isInteger(line) ? `#${line + 1} ` : ""}
      {d.fieldErrors[key]}
    </small>
  );
}
