import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import {
  Checks,
  ErrorText,
  FormError,
  SelectField,
  TextArea,
  TextField,
  fieldError,
  fieldValue,
  fieldValues,
  formRefusal,
  type ChoicesProps,
  type FieldSource,
} from "~/components/forms";
import { enumOptions, type EnumName } from "~/lib/enums";
import { useClientCheck } from "~/lib/client-check";
import { listingFromForm, listingInputSchema } from "~/models/marketplace/listing-schema";
import { F as CB } from "~/models/crossborder/declaration-schema";
import { DIRECTIONS, EXEMPTIONS, RECIPIENT_KINDS } from "~/models/crossborder/routes";
import type { CrossBorderFlow } from "~/models/crossborder/declaration-schema";
import { DATA_CATEGORIES, DATA_GRADES, DELIVERY_MODES, LISTING_KINDS, PRICING_MODELS, REGIONS, RIGHTS, SECTORS, UPDATE_FREQUENCIES } from "~/models/core/enums";

/** What the form shows: the stored listing when editing, or nothing for a new one. */
export interface ListingDefaults {
  kind?: string;
  title?: string;
  titleEn?: string | null;
  description?: string;
  dataCategory?: string;
  grade?: string;
  rights?: string[];
  deliveryModes?: string[];
  pricingModel?: string;
  priceMin?: number | null;
  priceMax?: number | null;
  sectors?: string[];
  regions?: string[];
  tags?: string[];
  updateFrequency?: string | null;
  timeCoverage?: string | null;
  fields?: { name: string; type: string; meaning: string | null }[];
  sampleDescription?: string | null;
  scenario?: string;
  compliance?: { personalInfo: boolean; legalBasis: string | null; importantData: boolean; crossBorder: boolean; declaration: string | null };
  crossBorderFlow?: CrossBorderFlow | null;
  contactName?: string;
  contactEmail?: string;
  contactPhone?: string | null;
  externalId?: string | null;
}

/** A checkbox group over one of the listing vocabularies. */
function CheckGroup({ enumName, values, ...group }: Omit<ChoicesProps, "options"> & { enumName: EnumName; values: readonly string[] }) {
  const { t } = useTranslation();
  return <Checks {...group} options={enumOptions(t, enumName, values)} />;
}

function Toggle({ name, label, checked }: { name: string; label: string; checked: boolean }) {
  return (
    <label className="check">
      <input type="checkbox" name={name} defaultChecked={checked} /> {label}
    </label>
  );
}

export function ListingForm({ data: actionData, defaults = {}, editing = false }: { data: FieldSource; defaults?: ListingDefaults; editing?: boolean }) {
  const { t } = useTranslation();
  const check = useClientCheck(listingInputSchema, listingFromForm);
  const data = check.shown(actionData);
  const busy = useNavigation().state === "submitting";
  // After a refused submit the form shows what was typed; multi-selects come back from the raw values.
  const list = (name: string, fallback: string[] = []) => fieldValues(data, name, fallback);
  const c = defaults.compliance;
  const flag = (name: string, fallback: boolean) => (formRefusal(data) ? fieldValue(data, name) === "on" : fallback);
  const fieldsText = (defaults.fields ?? []).map((f) => [f.name, f.type, f.meaning ?? ""].join(" | ")).join("\n");
  return (
    <Form method="post" noValidate className="stack listing-form" onSubmit={check.onSubmit}>
      <FormError data={data} />
      <section className="card form-grid">
        <h2 className="span-2">{t("listings.sectionBasics")}</h2>
        <SelectField
          name="kind"
          label={t("listings.kind")}
          placeholder={t("apply.choose")}
          options={enumOptions(t, "kind", LISTING_KINDS)}
          data={data}
          defaultValue={defaults.kind ?? ""}
          disabled={editing}
        />
        {editing ? <input type="hidden" name="kind" value={defaults.kind} /> : null}
        <TextField name="title" label={t("listings.fTitle")} maxLength={120} data={data} defaultValue={defaults.title} required />
        <TextField
          name="titleEn"
          label={t("listings.fTitleEn")}
          hint={t("listings.fTitleEnHint")}
          maxLength={160}
          data={data}
          defaultValue={defaults.titleEn ?? undefined}
        />
        <div className="span-2">
          <TextArea name="description" label={t("listings.fDescription")} rows={6} data={data} defaultValue={defaults.description} required />
        </div>
        <div className="span-2">
          <TextArea
            name="scenario"
            label={t("listings.fScenario")}
            hint={t("listings.fScenarioHint")}
            rows={2}
            maxLength={1000}
            data={data}
            defaultValue={defaults.scenario}
            required
          />
        </div>
        <div className="span-2">
          <CheckGroup
            name="sectors"
            label={t("listings.fSectors")}
            enumName="sector"
            values={SECTORS}
            selected={list("sectors", defaults.sectors)}
            data={data}
          />
        </div>
        <div className="span-2">
          <CheckGroup
            name="regions"
            label={t("listings.fRegions")}
            enumName="region"
            values={REGIONS}
            selected={list("regions", defaults.regions)}
            data={data}
          />
        </div>
        <TextField name="tags" label={t("listings.fTags")} data={data} defaultValue={defaults.tags?.join(", ")} />
        <TextField name="externalId" label={t("listings.fExternalId")} maxLength={100} data={data} defaultValue={defaults.externalId ?? undefined} />
      </section>

      <section className="card form-grid">
        <h2 className="span-2">{t("listings.sectionData")}</h2>
        <SelectField
          name="dataCategory"
          label={t("listings.category")}
          placeholder={t("apply.choose")}
          options={enumOptions(t, "dataCategory", DATA_CATEGORIES)}
          data={data}
          defaultValue={defaults.dataCategory}
        />
        <SelectField
          name="grade"
          label={t("listings.grade")}
          placeholder={t("apply.choose")}
          options={enumOptions(t, "grade", DATA_GRADES)}
          data={data}
          defaultValue={defaults.grade ?? ""}
        />
        <div className="span-2">
          <CheckGroup name="rights" label={t("listings.fRights")} enumName="rights" values={RIGHTS} selected={list("rights", defaults.rights)} data={data} />
        </div>
        <div className="span-2">
          <CheckGroup
            name="deliveryModes"
            label={t("listings.delivery")}
            enumName="delivery"
            values={DELIVERY_MODES}
            selected={list("deliveryModes", defaults.deliveryModes)}
            data={data}
          />
        </div>
        <SelectField
          name="pricingModel"
          label={t("listings.pricing")}
          placeholder={t("apply.choose")}
          options={enumOptions(t, "pricing", PRICING_MODELS)}
          data={data}
          defaultValue={defaults.pricingModel ?? ""}
        />
        <SelectField
          name="updateFrequency"
          label={t("listings.fFrequency")}
          placeholder="—"
          options={enumOptions(t, "frequency", UPDATE_FREQUENCIES)}
          data={data}
          defaultValue={defaults.updateFrequency ?? ""}
        />
        <TextField name="priceMin" type="number" min={0} step="any" label={t("listings.fPriceMin")} data={data} defaultValue={defaults.priceMin ?? undefined} />
        <TextField name="priceMax" type="number" min={0} step="any" label={t("listings.fPriceMax")} data={data} defaultValue={defaults.priceMax ?? undefined} />
        <TextField
          name="timeCoverage"
          label={t("listings.fCoverage")}
          hint={t("listings.fCoverageHint")}
          maxLength={100}
          data={data}
          defaultValue={defaults.timeCoverage ?? undefined}
        />
        <div className="span-2">
          <TextArea name="fields" label={t("listings.fFields")} rows={3} data={data} defaultValue={fieldsText} className="mono" />
        </div>
        <div className="span-2">
          <TextArea
            name="sampleDescription"
            label={t("listings.fSample")}
            rows={2}
            maxLength={2000}
            data={data}
            defaultValue={defaults.sampleDescription ?? undefined}
          />
        </div>
      </section>

      <section className="card form-grid">
        <h2 className="span-2">{t("listings.sectionCompliance")}</h2>
        <div className="span-2 check-grid">
          <Toggle name="personalInfo" label={t("listings.fPersonal")} checked={flag("personalInfo", c?.personalInfo ?? false)} />
          <Toggle name="importantData" label={t("listings.fImportant")} checked={flag("importantData", c?.importantData ?? false)} />
          <Toggle name="crossBorder" label={t("listings.fCrossBorder")} checked={flag("crossBorder", c?.crossBorder ?? false)} />
        </div>
        {fieldError(data, "compliance.personalInfo") ? (
          <small className="field-error span-2" role="alert">
            {fieldError(data, "compliance.personalInfo")}
          </small>
        ) : null}
        <div className="span-2">
          <TextField name="legalBasis" label={t("listings.fLegalBasis")} maxLength={300} data={data} defaultValue={c?.legalBasis ?? undefined} />
          <ErrorText error={fieldError(data, "compliance.legalBasis")} />
        </div>
        <div className="span-2">
          <TextArea
            name="declaration"
            label={t("listings.fDeclaration")}
            hint={t("listings.fDeclarationHint")}
            rows={2}
            maxLength={2000}
            data={data}
            defaultValue={c?.declaration ?? undefined}
          />
          <ErrorText error={fieldError(data, "compliance.declaration")} />
        </div>
      </section>

      <CrossBorderSection data={data} flow={defaults.crossBorderFlow ?? null} flag={flag} />

      <section className="card form-grid">
        <h2 className="span-2">{t("listings.sectionContact")}</h2>
        <TextField name="contactName" label={t("apply.contactName")} maxLength={80} data={data} defaultValue={defaults.contactName} required />
        <TextField name="contactEmail" type="email" label={t("apply.contactEmail")} data={data} defaultValue={defaults.contactEmail} required />
        <TextField name="contactPhone" type="tel" label={t("apply.contactPhone")} data={data} defaultValue={defaults.contactPhone ?? undefined} />
      </section>

      <div className="row">
        {editing ? (
          <button type="submit" name="intent" value="save" className="btn btn-primary" disabled={busy}>
            {t("listings.saveChanges")}
          </button>
        ) : (
          <>
            <button type="submit" name="intent" value="submit" className="btn btn-primary" disabled={busy}>
              {t("listings.submit")}
            </button>
            <button type="submit" name="intent" value="draft" className="btn btn-ghost" disabled={busy}>
              {t("listings.saveDraft")}
            </button>
          </>
        )}
      </div>
    </Form>
  );
}

/** The cross-border declaration (issue 35): nothing chosen for the member; an empty direction declares no flow. */
function CrossBorderSection({ data, flow, flag }: { data: FieldSource; flow: CrossBorderFlow | null; flag: (name: string, fallback: boolean) => boolean }) {
  const { t } = useTranslation();
  const options = (group: string, values: readonly string[]) => values.map((v) => ({ value: v, label: t(`crossborder.${group}.${v}`) }));
  return (
    <section className="card form-grid" aria-labelledby="cb-title">
      <h2 className="span-2" id="cb-title">
        {t("crossborder.sectionTitle")}
      </h2>
      <p className="span-2 muted">{t("crossborder.sectionIntro")}</p>
      <SelectField
        name={CB.direction}
        label={t("crossborder.direction")}
        placeholder="—"
        options={options("directions", DIRECTIONS)}
        data={data}
        defaultValue={flow?.direction ?? ""}
      />
      <SelectField
        name={CB.recipientKind}
        label={t("crossborder.recipient")}
        placeholder={t("apply.choose")}
        options={options("recipients", RECIPIENT_KINDS)}
        data={data}
        defaultValue={flow?.recipientKind ?? ""}
      />
      <TextField
        name={CB.people}
        type="number"
        min={0}
        step={1}
        label={t("crossborder.people")}
        hint={t("crossborder.countHint")}
        data={data}
        defaultValue={flow?.people ?? undefined}
      />
      <TextField
        name={CB.sensitivePeople}
        type="number"
        min={0}
        step={1}
        label={t("crossborder.sensitivePeople")}
        hint={t("crossborder.countHint")}
        data={data}
        defaultValue={flow?.sensitivePeople ?? undefined}
      />
      <div className="span-2 check-grid">
        <Toggle name={CB.researchData} label={t("crossborder.research")} checked={flag(CB.researchData, flow?.researchData ?? false)} />
        <Toggle name={CB.ciio} label={t("crossborder.ciio")} checked={flag(CB.ciio, flow?.ciio ?? false)} />
        <Toggle
          name={CB.processorInGba}
          label={`${t("crossborder.inGba")} (${t("crossborder.inGbaHint")})`}
          checked={flag(CB.processorInGba, flow?.processorInGba ?? false)}
        />
      </div>
      <div className="span-2">
        <SelectField
          name={CB.exemption}
          label={t("crossborder.exemption")}
          placeholder={t("crossborder.exemptionNone")}
          options={options("exemptions", EXEMPTIONS)}
          data={data}
          defaultValue={flow?.exemption ?? ""}
        />
      </div>
      <div className="span-2">
        <TextField name={CB.purpose} label={t("crossborder.purpose")} maxLength={500} data={data} defaultValue={flow?.purpose ?? undefined} />
      </div>
    </section>
  );
}
