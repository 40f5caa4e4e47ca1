const m = require('../targets/common.cjs');
export = m;
