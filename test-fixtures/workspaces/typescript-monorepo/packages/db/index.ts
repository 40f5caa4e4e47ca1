import pg from 'pg';
import { readFileSync } from 'node:fs';
import { format } from '@shop/core/src/format';

export const db = { pg, readFileSync, format };
