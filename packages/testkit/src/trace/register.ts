// Preloaded with `node --import` (see importTrace): registers the resolve hook in hooks.ts.
import { register } from 'node:module';

register('./hooks.js', import.meta.url);
