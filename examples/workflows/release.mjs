export const title = 'release (to do)';
export default async function () {}
