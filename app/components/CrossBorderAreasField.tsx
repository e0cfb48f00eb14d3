import { ErrorText, fieldValues, type FieldSource } from "~/components/forms";
import { groupError } from "~/components/scenarios";
import type { CrossBorderAreaText } from "~/lib/crossborder-areas.server";
import { CROSSBORDER_AREAS } from "../../db/vocabulary/crossborder-areas";

/**
 * The scenario form's areas of cross-border mutual recognition (issue 35), none ticked unless saved.
 * Apart from the form's module so the scenario page, which shares that module, does not carry it.
 */
export function CrossBorderAreasField({ data, defaults = [], text }: { data: FieldSource; defaults?: string[]; text: CrossBorderAreaText }) {
  const error = groupError(data, "crossborderAreas");
  const selected = fieldValues(data, "crossborderAreas", defaults);
  return (
    <fieldset className={error ? "checks field-invalid span-2" : "checks span-2"} data-testid="crossborder-areas-field">
      <legend>{text.label}</legend>
      <div className="check-grid">
        {CROSSBORDER_AREAS.map((a) => (
          <label key={a} className="check">
            <input type="checkbox" name="crossborderAreas" value={a} defaultChecked={selected.includes(a)} /> {text.names[a]}
          </label>
        ))}
      </div>
      <ErrorText error={error} />
    </fieldset>
  );
}
