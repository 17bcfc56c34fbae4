/**
 * The composer's limit, in UTF-16 code units (String.length). That is never fewer
 * than the characters a visitor sees, so a message under it is under any
 * per-character limit on the server too.
 */
export const MAX_MESSAGE_LENGTH = 4000
