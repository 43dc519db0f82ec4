export const resources = [];
