export const title = 'weekly-sync (to do)';
export default async function () {}
