module.exports = require('../targets/legacy.cjs');
