import { log } from 'shared/log';
log('baseUrl');
