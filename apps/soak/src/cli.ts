console.log('soak: not built yet');
