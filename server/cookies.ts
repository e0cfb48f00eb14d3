import { parse } from "cookie";

export function parseCookies(header: string | undefined): Record<string, string | undefined> {
  return header ? parse(header) : {};
}
