const { price } = require('@shop/core/src/price');
module.exports = { price };
