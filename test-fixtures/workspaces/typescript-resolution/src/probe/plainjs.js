const p = require('../targets/plain');
module.exports = p;
