#!/usr/bin/env node
import { runStdio } from '@toolbridge/core';
import { server } from './index.js';

void runStdio(server);
