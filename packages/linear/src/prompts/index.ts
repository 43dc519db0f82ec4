export const prompts = [];
