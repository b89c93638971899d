console.log('zactor-demo');
