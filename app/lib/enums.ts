import type { Translate } from "~/i18n";

export type EnumName =
  | "orgType"
  | "region"
  | "orgRole"
  | "orgStatus"
  | "platformRole"
  | "kind"
  | "listingStatus"
  | "dataCategory"
  | "grade"
  | "rights"
  | "delivery"
  | "pricing"
  | "sector"
  | "frequency"
  | "matchStatus";

export function enumLabel(t: Translate, name: EnumName, value: string): string {
  return t(`enums.${name}.${value}`, { defaultValue: value });
}

export function enumOptions(t: Translate, name: EnumName, values: readonly string[]) {
  return values.map((value) => ({ value, label: enumLabel(t, name, value) }));
}
