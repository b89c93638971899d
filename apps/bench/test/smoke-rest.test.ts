import { smokeRest } from './smoke-suite.js';

// Every suite without a smoke file of its own (see SMOKE_OWN_FILE).
smokeRest();
