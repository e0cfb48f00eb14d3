import type { KeyboardEvent } from "react";

/**
 * Chat composers: Enter sends, Shift+Enter starts a new line. Enter that confirms a candidate in a
 * Chinese input method (composition in progress, or the IME's keyCode 229) must never send.
 */
export function sendOnEnter(e: KeyboardEvent<HTMLTextAreaElement>) {
  if (e.key !== "Enter" || e.shiftKey || e.altKey || e.ctrlKey || e.metaKey) return;
  if (e.nativeEvent.isComposing || e.keyCode === 229) return;
  e.preventDefault();
  const form = e.currentTarget.form;
  if (form && e.currentTarget.value.trim()) form.requestSubmit();
}
