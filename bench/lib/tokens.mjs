// Token counts with gpt-tokenizer's o200k_base encoding (GPT-4o / GPT-4.1 / o-series). Other model
// families tokenize differently; the figures are for comparing servers, not for billing.
export const ENCODING = 'o200k_base (gpt-tokenizer)';

let counter;
/** Loads the tokenizer if bench/node_modules has it; returns a reason when it does not. */
export async function loadTokenizer() {
  try {
    const module = await import('gpt-tokenizer/encoding/o200k_base');
    counter = module.countTokens;
    return undefined;
  } catch {
    return 'gpt-tokenizer not installed: run `pnpm bench` once without --quick';
  }
}

/** Tokens of a value as the compact JSON a client forwards to the model; undefined without a tokenizer. */
export const countTokens = (value) => (counter ? counter(typeof value === 'string' ? value : JSON.stringify(value)) : undefined);
