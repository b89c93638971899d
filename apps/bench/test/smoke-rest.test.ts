import { restOfSuites, smokeSuites } from './smoke-suite.js';

// Every suite without a smoke file of its own (see SMOKE_OWN_FILE).
smokeSuites(restOfSuites());
