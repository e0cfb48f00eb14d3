import { useEffect, useRef } from "react";

/** After a refused sign-in or sign-up the password field starts empty again, like the server's answer. */
export function useClearPassword(actionData: unknown) {
  const ref = useRef<HTMLFormElement>(null);
  useEffect(() => {
    const input = ref.current?.elements.namedItem("password");
    if (actionData && input instanceof HTMLInputElement) input.value = "";
  }, [actionData]);
  return ref;
}
