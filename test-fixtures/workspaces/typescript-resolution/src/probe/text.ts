// import { n } from '../targets/never';
/* const n = require('../targets/never'); */
const s1 = "import { n } from '../targets/never'";
const s2 = 'require("../targets/never")';
const t1 = `import('../targets/never') ${require('../targets/interp').i} export * from '../targets/never'`;
const re = /['"]|import '..\/targets\/never'/g;
const half = 10 / 2 / 1;
export const x = [s1, s2, t1, re, half];
