console.log('zactor-bench: suites are registered in src/suites');
