import '../targets/polyfill';
