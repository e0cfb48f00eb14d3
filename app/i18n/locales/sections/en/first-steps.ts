/** A newly approved member's first steps on the dashboard. */
export const firstSteps = {
  title: "Get started",
  intro: "Your organisation is approved. Take these steps so that other members and investors find you:",
  profile: "Complete your organisation's profile",
  profileHint: "{{percent}}% complete; an empty profile is not listed in the enterprise directory.",
  listing: "Publish a data supply or demand listing",
  listingHint: "The platform then suggests matches, with the reasons.",
  group: "Join a standards working group",
  groupHint: "Take part in drafts, ballots and meetings.",
  done: "Done",
  todo: "To do",
};
