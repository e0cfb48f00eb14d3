import type { calendar as source } from "../zh-Hans/calendar";

export const calendar = {
  title: "Calendar feed",
  intro:
    "Subscribe to the meetings of your working groups in a calendar app (Outlook, Apple Calendar, Google Calendar, Thunderbird) with a private link; changes reach your calendar by themselves.",
  none: "You have no private calendar link yet.",
  activeSince: "Your private calendar link was made on {{date}}.",
  lastUsed: "A calendar app last read it on {{date}}.",
  neverUsed: "No calendar app has read it yet.",
  create: "Make a private calendar link",
  renew: "Replace with a new link",
  revoke: "Turn the link off",
  urlLabel: "Your private calendar link",
  urlHint: "This link is shown only this once: copy it into your calendar app now. Anyone who has it can see your meetings; if it leaks, replace it.",
  copy: "Copy link",
  copied: "Copied",
  revoked: "The link is off; calendars subscribed with it will no longer update.",
  renewConfirm: "The old link stops working at once. Replace it?",
  signInForFile: "Sign in to download this meeting's calendar file. To subscribe in a calendar app, use the private link on the Calendar feed page.",
  feedUnknown: "This calendar link is not valid or has been turned off.",
} satisfies Record<keyof typeof source, string>;
