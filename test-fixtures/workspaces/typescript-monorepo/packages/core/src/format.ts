// the ui package is named only in comments and strings: '@shop/ui'
const hint = "import { App } from '@shop/ui'";
export const format = (s: string) => `${hint}: ${s}`;
