import React from 'react';
import { thing } from '@scope/pkg/sub/path';
import { readFileSync } from 'node:fs';
import * as path from 'path';
export const x = [React, thing, readFileSync, path];
