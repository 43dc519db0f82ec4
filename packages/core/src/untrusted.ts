/**
 * Text written by other people (issue bodies, comments, messages, event text) may carry instructions
 * aimed at the model. Every server passes such text through `untrusted()`: invisible characters that can
 * smuggle hidden instructions are removed, hidden HTML comments dropped, any spelling of the fence's
 * name broken, and the text is fenced so the model can tell quoted data from the user's instructions.
 */
import { breakFenceNames } from './fence-names.js';
import { removeHtmlComments } from './html-comments.js';

// Unicode tag characters, supplementary variation selectors (both used for "ASCII smuggling"),
// bidi controls, zero-width and other invisible format characters.
const INVISIBLE =
  // biome-ignore lint/suspicious/noMisleadingCharacterClass: each invisible character is listed alone on purpose, combining ones included.
  /[\u{E0000}-\u{E007F}\u{E0100}-\u{E01EF}\u202A-\u202E\u2066-\u2069\u200B-\u200F\u061C\u2060-\u2064\u206A-\u206F\uFEFF\u180E\u00AD\u034F\u115F\u1160\u17B4\u17B5\u3164\uFFA0]/gu;

export const UNTRUSTED_OPEN = '<untrusted-content';
export const UNTRUSTED_CLOSE = '</untrusted-content>';

/**
 * Removes invisible Unicode and hidden HTML comments, and breaks the fence's name. Invisible characters
 * go first: `<!\u200b-- ... -->` is a comment once they are gone.
 */
export function sanitizeUntrusted(text: string): string {
  return breakFenceNames(removeHtmlComments(text.replace(INVISIBLE, '')));
}

/**
 * Sanitizes and fences text written by someone other than the user.
 * `source` says where it came from, e.g. "issue #12 body by @octocat".
 */
export function untrusted(text: string | null | undefined, source: string): string {
  if (text == null || text === '') return '';
  const label = sanitizeUntrusted(source).replace(/["<>]/g, '').replace(/\s+/g, ' ');
  return `${UNTRUSTED_OPEN} source="${label}">\n${sanitizeUntrusted(text)}\n${UNTRUSTED_CLOSE}`;
}
