import { describe, expect, it } from "vitest";
import { creditCodeCheckChar, isValidCreditCode } from "../app/models/accounts/credit-code";

describe("unified social credit code (GB 32100-2015)", () => {
  it("accepts published codes and computes their check character", () => {
    expect(isValidCreditCode("91350100M000100Y43")).toBe(true);
    expect(isValidCreditCode("91110000600037341L")).toBe(true);
    expect(creditCodeCheckChar("91350100M000100Y4")).toBe("3");
  });

  it("accepts lower case input by normalising it", () => {
    expect(isValidCreditCode("91110000600037341l")).toBe(true);
  });

  it("rejects a wrong check character, the wrong length and letters outside the alphabet", () => {
    expect(isValidCreditCode("91350100M000100Y44")).toBe(false);
    expect(isValidCreditCode("91350100M000100Y4")).toBe(false);
    expect(isValidCreditCode("91350100M000100Y433")).toBe(false);
    expect(isValidCreditCode("9135010OM000100Y43")).toBe(false);
    expect(isValidCreditCode("")).toBe(false);
  });
});
