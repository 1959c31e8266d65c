/**
 * How long names, descriptions and emails may be, in UTF-16 units, wherever
 * they come in: the API refuses longer text (server/src/commands/textInput.ts),
 * the bulk import holds its files to the same lengths, and the web app's
 * fields stop there. (Settings and reasons keep their limits beside their
 * commands.)
 */
export const TEXT_LIMITS = {
  /** A person's, an organization's or an API key's name. */
  displayName: 100,
  teamName: 100,
  teamDescription: 2000,
  resourceName: 200,
  resourceDescription: 5000,
  /** An email address (RFC 5321's path limit). */
  email: 254,
} as const;

/** A password's length: at least `min`, at most `max` characters. */
export const PASSWORD_LENGTH = { min: 10, max: 200 } as const;
