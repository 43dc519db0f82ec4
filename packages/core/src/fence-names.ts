/**
 * Text inside an `<untrusted-content>` fence must not be able to close it (or open another): a model
 * reads `</UNTRUSTED-CONTENT>`, `</untrusted-content >`, `</untrusted_content foo>`,
 * `&lt;/untrusted-content&gt;` or `</ｕｎｔｒｕｓｔｅｄ-ｃｏｎｔｅｎｔ>` as the same tag. Rather than chase every
 * bracket, the fence's name itself is broken wherever it appears in any of those spellings.
 */

/** What the name becomes: `untrusted․content` (a one-dot leader, which no separator below matches). */
export const BROKEN_FENCE_NAME = 'untrusted\u2024content';

// Separators a model would read as the hyphen: spaces and line breaks, hyphens and dashes, underscores.
const FENCE_NAME = /untrusted[\s\-_\u2010-\u2015\u2043\u2212]*content/g;

// Letters that look like the ASCII ones of "untrusted content" (Cyrillic, Greek, Armenian).
const LOOK_ALIKES: Record<string, string> = {
  е: 'e',
  о: 'o',
  с: 'c',
  ѕ: 's',
  ԁ: 'd',
  т: 't',
  г: 'r',
  ο: 'o',
  υ: 'u',
  τ: 't',
  ս: 'u',
  ո: 'n',
};
const LOOK_ALIKE = new RegExp(`[${Object.keys(LOOK_ALIKES).join('')}]`, 'g');
const COMBINING_MARK = /\p{M}/gu;

// HTML character references a model decodes while reading.
const ENTITY = /&(?:#(\d{1,7})|#x([\da-f]{1,6})|([a-z]{2,8}));/gi;
const NAMED_ENTITIES: Record<string, string> = { hyphen: '-', dash: '-', lowbar: '_', nbsp: ' ' };
const UNIT = /&(?:#\d{1,7}|#x[\da-f]{1,6}|[a-z]{2,8});|[\s\S]/giu;

/** Breaks every spelling of the fence's name; text without one comes back as it was. */
export function breakFenceNames(text: string): string {
  if (skeleton(text).search(FENCE_NAME) === -1) return text;
  // Fold unit by unit (a character or an entity), remembering where each folded character came from.
  const starts: number[] = [];
  const ends: number[] = [];
  let folded = '';
  for (const unit of text.matchAll(UNIT)) {
    const piece = skeleton(unit[0]);
    for (let i = 0; i < piece.length; i++) {
      starts.push(unit.index);
      ends.push(unit.index + unit[0].length);
    }
    folded += piece;
  }
  let result = '';
  let copied = 0;
  for (const match of folded.matchAll(FENCE_NAME)) {
    const start = starts[match.index]!;
    result += `${text.slice(copied, start)}${BROKEN_FENCE_NAME}`;
    copied = ends[match.index + match[0].length - 1]!;
  }
  return result + text.slice(copied);
}

/** The text as a model reads it: entities decoded, compatibility forms and look-alikes folded to ASCII, lower case, accents dropped. */
function skeleton(text: string): string {
  return text
    .replace(ENTITY, decodeEntity)
    .normalize('NFKD')
    .replace(COMBINING_MARK, '')
    .toLowerCase()
    .replace(LOOK_ALIKE, (char) => LOOK_ALIKES[char]!);
}

function decodeEntity(entity: string, decimal?: string, hex?: string, name?: string): string {
  const code = decimal ? Number(decimal) : hex ? Number.parseInt(hex, 16) : undefined;
  if (code !== undefined) return code <= 0x10ffff ? String.fromCodePoint(code) : entity;
  return NAMED_ENTITIES[name!.toLowerCase()] ?? entity;
}
