import type { TFunction } from "i18next";

export type EnumName =
  | "orgType" | "region" | "orgRole" | "orgStatus" | "platformRole"
  | "kind" | "listingStatus" | "dataCategory" | "grade" | "rights" | "delivery" | "pricing" | "sector" | "frequency" | "matchStatus";

export function enumLabel(t: TFunction, name: EnumName, value: string): string {
  return t(`enums.${name}.${value}`, { defaultValue: value }) as string;
}

export function enumOptions(t: TFunction, name: EnumName, values: readonly string[]) {
  return values.map((value) => ({ value, label: enumLabel(t, name, value) }));
}
