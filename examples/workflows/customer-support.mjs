export const title = 'customer-support (to do)';
export default async function () {}
